// The tab's shell in a real browser against the real server (API local mode, demo organisation):
// in a plain browser (local mode, "view as" picker) and inside a fake Teams host that speaks
// teams-js's postMessage protocol, the way a Teams client does.
import { readFileSync } from 'node:fs';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTabIfStale,
  hasChromium,
  keepOffline,
  launchChromium,
  warnIfNoChromium,
  watchPage,
  type PageWatch,
} from '../support/browser.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';

const ALEX_WILBER = { aadObjectId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' };
const AXE_PATH = 'node_modules/axe-core/axe.min.js';
const FAST = { timeout: 5000 };

interface DemoUser {
  aadObjectId: string;
  displayName: string;
  roles: string[];
  team: string | null;
  siteName: string | null;
}

/**
 * A stand-in for the Teams client: a same-origin page that frames the tab and answers teams-js's
 * requests (`{ id, uuidAsString, func, args }` → `{ id, uuidAsString, args }`) for `initialize`,
 * `getContext` and `authentication.getAuthToken`; everything else is only logged.
 */
function fakeTeamsHostPage(options: {
  theme: string;
  locale: string;
  sso: 'token' | 'consent';
  /** What the host frames: the tab, or its configuration page (`?configure=1`). */
  tabPath?: string;
  /** `content` for a tab, `settings` while a team adds the tab. */
  frameContext?: string;
}): string {
  const frameContext = options.frameContext ?? 'content';
  const context = {
    locale: options.locale,
    theme: options.theme,
    userObjectId: ALEX_WILBER.aadObjectId,
    userDisplayName: ALEX_WILBER.displayName,
    userPrincipalName: 'alex.wilber@crewdesk.test',
    tid: 'tenant-under-test',
    entityId: 'crewdesk',
    frameContext,
    hostClientType: 'web',
    hostName: 'Teams',
    appSessionId: 'session-under-test',
  };
  const runtime = { apiVersion: 4, supports: { app: {}, pages: { config: {} } } };
  const sso = options.sso === 'token' ? [true, 'fake-sso-token'] : [false, 'resourceRequiresConsent'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Teams</title>
<link rel="icon" href="data:,"></head><body style="margin:0">
<iframe id="tab" title="Crewdesk" src="${options.tabPath ?? '/tab/'}" style="border:0;width:100vw;height:100vh"></iframe>
<script>
  const frame = document.getElementById('tab');
  window.hostLog = [];
  const answers = {
    initialize: [${JSON.stringify(frameContext)}, 'web', ${JSON.stringify(JSON.stringify(runtime))}, '2.58.0'],
    'settings.setSettings': [true],
    getContext: [${JSON.stringify(context)}],
    'authentication.getAuthToken': ${JSON.stringify(sso)},
  };
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (event.source !== frame.contentWindow || !message || typeof message.func !== 'string') return;
    window.hostLog.push({ func: message.func, args: message.args, at: performance.now() });
    const args = answers[message.func];
    if (args) frame.contentWindow.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, location.origin);
  });
  window.changeTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, location.origin);
</script></body></html>`;
}

/** A page that frames the tab but never answers: teams-js's initialize never settles in it. */
const SILENT_PARENT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Some portal</title>
<link rel="icon" href="data:,"></head><body style="margin:0">
<iframe title="Crewdesk" src="/tab/" style="border:0;width:100vw;height:100vh"></iframe></body></html>`;

async function runAxe(target: Page | Frame): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the tab's Content-Security-Policy (rightly) does
  // not let a <script> tag do.
  await target.evaluate(readFileSync(AXE_PATH, 'utf8'));
  const results = await target.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** The page's background brightness (0 black … 255 white), as the user sees it behind the content. */
function bodyBrightness(target: Page | Frame): Promise<number> {
  return target.evaluate(() => {
    const [r = 0, g = 0, b = 0] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []).map(
      Number,
    );
    return (r + g + b) / 3;
  });
}

warnIfNoChromium();

describe.skipIf(!hasChromium)('the tab shell in a real browser', () => {
  let crewdesk: CrewdeskUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const refusedRequests: string[][] = [];

  beforeAll(async () => {
    buildTabIfStale(); // The server serves tab/dist only if it exists when it starts.
    [crewdesk, browser] = await Promise.all([startCrewdeskForTest(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await crewdesk?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    // The tab needs nothing from the internet but teams-js's list of Teams origins.
    expect(refusedRequests.splice(0).flat()).toEqual([]);
  });

  async function openPage(
    path: string,
    options: { width?: number; height?: number; prepare?: (page: Page) => Promise<unknown> } = {},
  ): Promise<{ page: Page; watch: PageWatch }> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      locale: 'en-US',
    });
    contexts.push(context);
    const refused = await keepOffline(context);
    const page = await context.newPage();
    const watch = watchPage(page);
    refusedRequests.push(refused);
    await options.prepare?.(page);
    await page.goto(`${crewdesk.baseUrl}${path}`);
    return { page, watch };
  }

  async function demoUsers(): Promise<DemoUser[]> {
    const response = await fetch(`${crewdesk.baseUrl}/api/demo/users?limit=20`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { users: DemoUser[] }).users;
  }

  describe('in a plain browser (local mode)', () => {
    it('shows the first featured demo person, store manager Alex Wilber, with his roles within seconds', async () => {
      const { page } = await openPage('/tab/');
      await expect
        .poll(() => page.getByRole('heading', { level: 2, name: ALEX_WILBER.displayName }).isVisible(), FAST)
        .toBe(true);
      await expect(page.getByText('Running outside Microsoft Teams (local mode).').isVisible()).resolves.toBe(
        true,
      );
      const roles = await page
        .locator('dt', { hasText: 'Roles' })
        .locator('xpath=following-sibling::dd')
        .innerText();
      expect(roles).toContain('Manager');
      expect(await page.getByRole('combobox', { name: 'View as' }).inputValue()).toBe(
        ALEX_WILBER.displayName,
      );
      expect(new URL(page.url()).searchParams.get('as')).toBe(ALEX_WILBER.aadObjectId);
    });

    it('raises no uncaught error or console error, and its network falls quiet (no request loop)', async () => {
      const { page, watch } = await openPage('/tab/');
      await page.getByRole('heading', { level: 2, name: ALEX_WILBER.displayName }).waitFor(FAST);
      await watch.waitForQuietNetwork(1500, 5000);
      const apiCalls = watch.requests.filter((request) => new URL(request.url).pathname.startsWith('/api/'));
      expect(apiCalls.map((request) => new URL(request.url).pathname)).toEqual([
        '/api/config',
        '/api/demo/users',
        '/api/me',
      ]);
      expect(
        apiCalls.find((request) => request.url.endsWith('/api/me'))?.headers['x-crewdesk-demo-user'],
      ).toBe(ALEX_WILBER.aadObjectId);
      expect(watch.problems).toEqual([]);
    });

    it("shows another person's basics when they are chosen in the picker, and remembers the choice", async () => {
      const other = (await demoUsers()).find(
        (user) => user.aadObjectId !== ALEX_WILBER.aadObjectId && user.team && user.siteName,
      );
      if (!other) throw new Error('the demo organisation should feature someone besides Alex Wilber');
      const { page, watch } = await openPage('/tab/');
      await page.getByRole('heading', { level: 2, name: ALEX_WILBER.displayName }).waitFor(FAST);

      const picker = page.getByRole('combobox', { name: 'View as' });
      await picker.click();
      await picker.fill(other.displayName.slice(0, 6));
      await page.getByRole('option', { name: other.displayName }).first().click();

      await page.getByRole('heading', { level: 2, name: other.displayName }).waitFor(FAST);
      const card = page.locator('dl');
      await expect.poll(() => card.innerText(), FAST).toContain(other.team ?? '');
      expect(await card.innerText()).toContain(other.siteName ?? '');
      expect(new URL(page.url()).searchParams.get('as')).toBe(other.aadObjectId);

      await page.goto(`${crewdesk.baseUrl}/tab/`); // Without ?as=: localStorage remembers.
      await page.getByRole('heading', { level: 2, name: other.displayName }).waitFor(FAST);
      expect(watch.problems).toEqual([]);
    });

    it('speaks French with ?lang=fr', async () => {
      const { page } = await openPage('/tab/?lang=fr');
      await page.getByRole('heading', { level: 2, name: ALEX_WILBER.displayName }).waitFor(FAST);
      for (const label of [
        'Voir en tant que',
        'Rôles',
        'Équipe',
        'Responsable',
        'Heures hebdomadaires',
        'Langue',
      ]) {
        expect(await page.getByText(label, { exact: true }).first().isVisible(), label).toBe(true);
      }
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr-CH');
    });

    it('fits a 360 px wide phone screen without horizontal scrolling', async () => {
      const { page } = await openPage('/tab/', { width: 360, height: 740 });
      await page.getByRole('heading', { level: 2, name: ALEX_WILBER.displayName }).waitFor(FAST);
      const widths = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.body.scrollWidth,
      ]);
      expect(Math.max(...widths)).toBeLessThanOrEqual(360);
    });

    it('has no serious or critical accessibility violation (axe-core)', async () => {
      const { page } = await openPage('/tab/');
      await page.getByRole('heading', { level: 2, name: ALEX_WILBER.displayName }).waitFor(FAST);
      expect(await runAxe(page)).toEqual([]);
    });

    it('falls back to local mode, without hanging, when framed by a page that is not Teams', async () => {
      const { page, watch } = await openPage('/tab/__silent-parent.html', {
        prepare: (page) =>
          page.route(`${crewdesk.baseUrl}/tab/__silent-parent.html`, (route) =>
            route.fulfill({ contentType: 'text/html', body: SILENT_PARENT_PAGE }),
          ),
      });
      const tab = page.frameLocator('iframe');
      await tab.getByRole('heading', { level: 2, name: ALEX_WILBER.displayName }).waitFor(FAST);
      expect(await tab.getByText('Running outside Microsoft Teams (local mode).').isVisible()).toBe(true);
      expect(watch.problems).toEqual([]);
    });
  });

  describe('inside Teams (a fake Teams host frames the tab)', () => {
    async function openInFakeTeams(options: {
      theme: string;
      locale: string;
      sso: 'token' | 'consent';
      entra?: boolean;
      tabPath?: string;
      frameContext?: string;
    }) {
      const hostUrl = `${crewdesk.baseUrl}/tab/__teams-host.html`;
      const opened = await openPage('/tab/__teams-host.html', {
        prepare: async (page) => {
          await page.route(hostUrl, (route) =>
            route.fulfill({ contentType: 'text/html', body: fakeTeamsHostPage(options) }),
          );
          if (options.entra) {
            // The server under test runs in API local mode; the tab only learns the mode from here.
            await page.route(`${crewdesk.baseUrl}/api/config`, (route) =>
              route.fulfill({ json: { authMode: 'entra', clientId: 'crewdesk-client-under-test' } }),
            );
          }
        },
      });
      const frame = opened.page.frames().find((candidate) => candidate !== opened.page.mainFrame());
      if (!frame) throw new Error('the fake Teams host should frame the tab');
      const hostLog = () =>
        opened.page.evaluate(
          () => (window as unknown as { hostLog: { func: string; at: number }[] }).hostLog,
        );
      return { ...opened, frame, hostLog };
    }

    it('initializes in milliseconds, speaks German, applies the dark theme and follows theme changes', async () => {
      const { page, frame, watch, hostLog } = await openInFakeTeams({
        theme: 'dark',
        locale: 'de-CH',
        sso: 'token',
      });
      const tab = page.frameLocator('iframe');
      await tab.getByRole('heading', { level: 2, name: ALEX_WILBER.displayName }).waitFor(FAST);
      expect(await tab.getByText('In Microsoft Teams.').isVisible()).toBe(true);
      for (const label of ['Rollen', 'Standort', 'Vorgesetzte/r', 'Wochenstunden', 'Sprache']) {
        expect(await tab.getByText(label, { exact: true }).first().isVisible(), label).toBe(true);
      }
      expect(await tab.getByRole('combobox').count()).toBe(0); // Inside Teams, Teams says who is looking.
      expect(await frame.evaluate(() => document.documentElement.lang)).toBe('de-CH');

      const log = await hostLog();
      const initialize = log.find((entry) => entry.func === 'initialize');
      const getContext = log.find((entry) => entry.func === 'getContext');
      expect(initialize && getContext, JSON.stringify(log)).toBeTruthy();
      expect(getContext!.at - initialize!.at).toBeLessThan(1000); // Far from the 1.5 s fallback.
      await expect
        .poll(async () => (await hostLog()).map((entry) => entry.func), FAST)
        .toContain('appInitialization.success');

      expect(await bodyBrightness(frame)).toBeLessThan(60);
      await page.evaluate(() =>
        (window as unknown as { changeTheme(theme: string): void }).changeTheme('default'),
      );
      await expect.poll(() => bodyBrightness(frame), FAST).toBeGreaterThan(200);
      await page.evaluate(() =>
        (window as unknown as { changeTheme(theme: string): void }).changeTheme('contrast'),
      );
      await expect.poll(() => bodyBrightness(frame), FAST).toBeLessThan(10);
      expect(watch.problems).toEqual([]);
    });

    it('lets a team add the tab: the configuration page enables Save and hands Teams the content URL', async () => {
      const { page, hostLog, watch } = await openInFakeTeams({
        theme: 'default',
        locale: 'fr-CH',
        sso: 'token',
        tabPath: '/tab/?configure=1&lang=fr-CH',
        frameContext: 'settings',
      });
      const tab = page.frameLocator('iframe');
      await tab.getByRole('heading', { level: 1, name: 'Ajouter Crewdesk à cette équipe' }).waitFor(FAST);
      await expect
        .poll(async () => (await hostLog()).map((entry) => entry.func), FAST)
        .toContain('settings.setValidityState');
      await tab.getByRole('radio', { name: 'Rotation au bureau' }).check();
      // Teams' Save button: the host asks the page to save.
      await page.evaluate(() => {
        const frame = document.getElementById('tab') as HTMLIFrameElement;
        frame.contentWindow!.postMessage({ func: 'settings.save', args: [{}] }, location.origin);
      });
      await expect
        .poll(async () => (await hostLog()).map((entry) => entry.func), FAST)
        .toContain('settings.save.success');
      const settings = await page.evaluate(
        () =>
          (window as unknown as { hostLog: { func: string; args?: unknown[] }[] }).hostLog.find(
            (entry) => entry.func === 'settings.setSettings',
          )?.args?.[0] as { contentUrl: string; entityId: string } | undefined,
      );
      expect(settings?.contentUrl).toMatch(/\/tab\/index\.html\?view=rotation&lang=\{locale\}$/);
      expect(settings?.entityId).toBe('crewdesk-rotation');
      expect(watch.problems).toEqual([]);
    });

    it('sends the Teams SSO token as a bearer token with its API calls', async () => {
      const { page, watch } = await openInFakeTeams({ theme: 'default', locale: 'en-US', sso: 'token' });
      await page
        .frameLocator('iframe')
        .getByRole('heading', { level: 2, name: ALEX_WILBER.displayName })
        .waitFor(FAST);
      const me = watch.requests.find((request) => new URL(request.url).pathname === '/api/me');
      expect(me?.headers.authorization).toBe('Bearer fake-sso-token');
      await watch.waitForQuietNetwork(1500, 5000);
      expect(watch.problems).toEqual([]);
    });

    it('asks the user to sign in, instead of hanging, when Teams reports missing consent', async () => {
      const { page, watch, hostLog } = await openInFakeTeams({
        theme: 'default',
        locale: 'de-CH',
        sso: 'consent',
        entra: true,
      });
      const tab = page.frameLocator('iframe');
      await tab
        .getByText(
          'Bitte melden Sie sich bei Crewdesk an: Ihre Organisation hat der App noch nicht zugestimmt.',
        )
        .waitFor(FAST);
      expect(watch.requests.some((request) => new URL(request.url).pathname === '/api/me')).toBe(false);
      await expect
        .poll(async () => (await hostLog()).map((entry) => entry.func), FAST)
        .toContain('appInitialization.success');
      expect(watch.problems).toEqual([]);
    });

    it('has no serious or critical accessibility violation in the dark theme (axe-core)', async () => {
      const { page, frame } = await openInFakeTeams({ theme: 'dark', locale: 'de-CH', sso: 'token' });
      await page
        .frameLocator('iframe')
        .getByRole('heading', { level: 2, name: ALEX_WILBER.displayName })
        .waitFor(FAST);
      expect(await runAxe(frame)).toEqual([]);
    });
  });
});
