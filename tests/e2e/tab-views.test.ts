// The tab's views in a real browser against the real server with the demo organisation and two
// months of demo hours: navigation by role, My week, the RHT report (1,500 rows, CSV download), the
// team schedule and the office rotation (or their "not available yet" state while their API is
// being built), at 360 px, with axe-core, and inside a fake Teams host in the dark theme.
// Every view is photographed (tests/support/screenshots.ts says where).
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
} from '../support/browser.js';
import { mondayOf } from '../../src/domain/hours/hours-service.js';
import { addDays, calendarDateIn } from '../../src/domain/shared/calendar-date.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import { screenshot } from '../support/screenshots.js';

const ALEX_WILBER = '00000000-0000-0000-0000-0000000000020'; // The demo store manager.
const AXE_PATH = 'node_modules/axe-core/axe.min.js';
const FAST = { timeout: 10_000 };
const VIEWS = ['profile', 'week', 'schedule', 'rotation', 'editor', 'rht'] as const;
const TAB_NAMES = {
  profile: 'Me',
  week: 'My week',
  schedule: 'Team schedule',
  rotation: 'Office rotation',
  editor: 'Rotation editor',
  rht: 'RHT report',
} as const;

interface DemoUser {
  aadObjectId: string;
  displayName: string;
  roles: string[];
}

async function runAxe(target: Page | Frame): Promise<string[]> {
  // Through the DevTools protocol: the tab's Content-Security-Policy forbids inline <script>.
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

/** The view has drawn: its panel is there and nothing in it is loading any more. */
async function viewSettled(target: Page | Frame): Promise<void> {
  await target.locator('#view-panel').waitFor(FAST);
  await expect.poll(() => target.locator('#view-panel [role="progressbar"]').count(), FAST).toBe(0);
}

function fakeTeamsHostPage(tabPath: string, theme: string): string {
  const context = {
    locale: 'en-US',
    theme,
    userObjectId: ALEX_WILBER,
    userDisplayName: 'Alex Wilber',
    tid: 'tenant-under-test',
    entityId: 'crewdesk',
    frameContext: 'content',
    hostClientType: 'web',
    hostName: 'Teams',
  };
  const runtime = { apiVersion: 4, supports: { app: {}, pages: { config: {} } } };
  // Answers teams-js's initialize, getContext and getAuthToken like a Teams client does.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Teams</title>
<link rel="icon" href="data:,"></head><body style="margin:0">
<iframe id="tab" title="Crewdesk" src="${tabPath}" style="border:0;width:100vw;height:100vh"></iframe>
<script>
  const frame = document.getElementById('tab');
  const answers = {
    initialize: ['content', 'web', ${JSON.stringify(JSON.stringify(runtime))}, '2.58.0'],
    getContext: [${JSON.stringify(context)}],
    'authentication.getAuthToken': [true, 'fake-sso-token'],
  };
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (event.source !== frame.contentWindow || !message || typeof message.func !== 'string') return;
    const args = answers[message.func];
    if (args) frame.contentWindow.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, location.origin);
  });
</script></body></html>`;
}

warnIfNoChromium();

/** This week's Monday as the browser sees it (its zone is the machine's, like the tab's own clock). */
const localMonday = () =>
  mondayOf(calendarDateIn(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone));

describe.skipIf(!hasChromium)('the tab views in a real browser', () => {
  let crewdesk: CrewdeskUnderTest;
  let browser: Browser;
  let hr: DemoUser;
  let employee: DemoUser;
  const contexts: BrowserContext[] = [];
  const refusedRequests: string[][] = [];

  beforeAll(async () => {
    buildTabIfStale();
    [crewdesk, browser] = await Promise.all([startCrewdeskForTest({ demoHours: true }), launchChromium()]);
    const response = await fetch(`${crewdesk.baseUrl}/api/demo/users?limit=100`);
    const users = ((await response.json()) as { users: DemoUser[] }).users;
    const foundHr = users.find((user) => user.roles.includes('hr'));
    const foundEmployee = users.find((user) => user.roles.length === 1 && user.roles[0] === 'employee');
    if (!foundHr || !foundEmployee)
      throw new Error('the demo organisation should feature HR and an employee');
    [hr, employee] = [foundHr, foundEmployee];
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await crewdesk?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(refusedRequests.splice(0).flat()).toEqual([]);
  });

  async function openTab(as: string, view: string, options: { width?: number; height?: number } = {}) {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      locale: 'en-US',
      acceptDownloads: true,
    });
    contexts.push(context);
    refusedRequests.push(await keepOffline(context));
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${crewdesk.baseUrl}/tab/?as=${encodeURIComponent(as)}&view=${view}`);
    return { page, watch };
  }

  /** What the schedule and rotation APIs answer today: they are being built alongside the tab. */
  async function apiStatus(path: string): Promise<number> {
    const response = await fetch(`${crewdesk.baseUrl}${path}`, {
      headers: { 'X-Crewdesk-Demo-User': ALEX_WILBER },
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('My week shows the totals and every day, and moves back and forth but not past this week', async () => {
    const { page, watch } = await openTab(ALEX_WILBER, 'profile');
    // Keyboard: from the selected first tab, the arrow key moves to "My week" and Enter opens it.
    await page.getByRole('tab', { name: 'Me' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('view'), FAST).toBe('week');
    await viewSettled(page);
    const heading = page.getByRole('heading', { level: 2, name: /^Week of / });
    const thisWeek = await heading.innerText();
    const totals = page.getByRole('group', { name: 'Totals of the week' });
    for (const label of ['Worked', 'Absent', 'Target', 'Balance']) {
      expect(await totals.getByText(label, { exact: true }).isVisible(), label).toBe(true);
    }
    expect(await totals.innerText()).toMatch(/[+−]?\d+h/);
    expect(await page.getByRole('list', { name: 'Days of the week' }).locator(':scope > li').count()).toBe(7);
    expect(await page.getByRole('button', { name: 'Next week' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Previous week' }).click();
    await expect.poll(() => heading.innerText(), FAST).not.toBe(thisWeek);
    await viewSettled(page);
    // Last week is in the demo hours: work is recorded with a place.
    expect(await page.getByRole('list', { name: 'Days of the week' }).innerText()).toMatch(/of work/);
    expect(await page.getByRole('button', { name: 'Next week' }).isDisabled()).toBe(false);
    expect(watch.problems).toEqual([]);
  });

  it('HR sees the RHT report of 1,500+ employees, pages and searches it, and downloads the CSV', async () => {
    const { page, watch } = await openTab(hr.aadObjectId, 'rht');
    await viewSettled(page);
    const count = await page
      .getByRole('status')
      .filter({ hasText: /employees/ })
      .innerText();
    expect(Number(count.replace(/\D/g, ''))).toBeGreaterThanOrEqual(1500);
    expect(await page.getByRole('group', { name: 'Totals of the month' }).innerText()).toContain(
      'Lost hours',
    );
    const table = page.getByRole('table');
    expect(await table.locator('tbody tr').count()).toBe(50); // Paged: the page stays light.
    expect(await table.getByRole('columnheader', { name: 'Lost hours' }).isVisible()).toBe(true);

    const someone = await table.locator('tbody tr th').nth(3).innerText();
    await page.getByRole('searchbox').fill(someone);
    await expect.poll(() => table.locator('tbody tr').count(), FAST).toBeLessThan(50);
    expect(await table.locator('tbody tr th').first().innerText()).toBe(someone);

    const [download] = await Promise.all([
      page.waitForEvent('download', FAST),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^crewdesk-rht-\d{4}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n')[0]).toMatch(/;/);
    expect(csv.split('\r\n').length).toBeGreaterThan(1500);
    // Fetched with the caller's credentials (a bearer token in Entra mode), not a bare link.
    const request = watch.requests.find((seen) => seen.url.includes('format=csv'));
    expect(request?.headers['x-crewdesk-demo-user']).toBe(hr.aadObjectId);
    expect(watch.problems).toEqual([]);
  });

  it('an employee sees neither the RHT report nor the rotation editor', async () => {
    const { page } = await openTab(employee.aadObjectId, 'rht');
    await viewSettled(page);
    const tabs = await page.getByRole('tab').allInnerTexts();
    expect(tabs).toEqual(['Me', 'My week', 'Team schedule', 'Office rotation']);
    // Asking for the report by address falls back to the first view.
    expect(await page.getByRole('tab', { name: 'Me' }).getAttribute('aria-selected')).toBe('true');
  });

  it('the schedule and rotation views show data, or say that they are not available yet', async () => {
    const schedule = await apiStatus('/api/schedule?from=2026-01-05&to=2026-01-11');
    const rotations = await apiStatus('/api/rotations?from=2026-01-05&to=2026-02-01');
    for (const [view, status] of [
      ['schedule', schedule],
      ['rotation', rotations],
    ] as const) {
      const { page, watch } = await openTab(ALEX_WILBER, view);
      await viewSettled(page);
      const panel = page.locator('#view-panel');
      if (status === 404) {
        expect(await panel.getByText('Not available yet').isVisible(), view).toBe(true);
      } else {
        expect(status, view).toBe(200);
        expect(await panel.getByText('Not available yet').count(), view).toBe(0);
        expect(await panel.getByRole('alert').count(), view).toBe(0);
      }
      expect(
        watch.problems.filter((problem) => !problem.includes('404')),
        view,
      ).toEqual([]);
    }
  });

  it('a manager generates and publishes a rotation, and a member of it sees their own days', async (context) => {
    if ((await apiStatus('/api/rotations?from=2026-01-05&to=2026-02-01')) === 404) {
      context.skip(); // The rotation API is not there yet; the test above checks the friendly state.
    }
    const { page } = await openTab(ALEX_WILBER, 'editor');
    await viewSettled(page);
    await page.getByRole('button', { name: 'Generate' }).click();
    const draft = page.getByRole('region', { name: 'Draft rotation' });
    await draft.waitFor(FAST);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published: the team is told which days they are in.').waitFor(FAST);
    const member = await draft.locator('tbody tr th').last().innerText();
    expect(member.length).toBeGreaterThan(0);

    // A staff member of Alex's store who is in the published rotation and on site on some day shown.
    const published = (await (
      await fetch(
        `${crewdesk.baseUrl}/api/rotations?from=${localMonday()}&to=${addDays(localMonday(), 27)}`,
        {
          headers: { 'X-Crewdesk-Demo-User': ALEX_WILBER },
        },
      )
    ).json()) as {
      rotations: {
        status: string;
        siteName: string;
        assignments: { aadObjectId: string; displayName: string; days: { place: string }[] }[];
      }[];
    };
    const rotation = published.rotations.find(
      (candidate) =>
        candidate.status === 'published' &&
        candidate.assignments.some((assignment) => assignment.displayName === member),
    );
    expect(rotation, 'the published rotation is served').toBeDefined();
    const someone = rotation!.assignments.find(
      (assignment) =>
        assignment.aadObjectId !== ALEX_WILBER &&
        assignment.days.some((day) => day.place === 'office' || day.place === 'store'),
    );
    expect(someone, 'a member on site on some day').toBeDefined();

    const { page: own } = await openTab(someone!.aadObjectId, 'rotation');
    await viewSettled(own);
    expect(await own.getByRole('switch', { name: 'Only my days' }).isChecked()).toBe(true);
    await own.getByRole('region', { name: rotation!.siteName }).first().waitFor(FAST);
    // "Only my days": every row shown, in every rotation of the page, is theirs — and there is one.
    const names = await own.locator('#view-panel tbody tr th').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toContain(someone!.displayName);
  });

  it('every view fits 360 px without horizontal page scroll, passes axe-core, and is photographed', async () => {
    for (const view of VIEWS) {
      const desktop = await openTab(hr.aadObjectId, view);
      await viewSettled(desktop.page);
      expect(
        await desktop.page.getByRole('tab', { name: TAB_NAMES[view] }).getAttribute('aria-selected'),
      ).toBe('true');
      expect(await runAxe(desktop.page), view).toEqual([]);
      await screenshot(desktop.page, `${view}-desktop`);

      const phone = await openTab(hr.aadObjectId, view, { width: 360, height: 740 });
      await viewSettled(phone.page);
      const widths = await phone.page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.body.scrollWidth,
      ]);
      expect(Math.max(...widths), view).toBeLessThanOrEqual(360);
      expect(await runAxe(phone.page), `${view} at 360 px`).toEqual([]);
      await screenshot(phone.page, `${view}-phone`);
      expect(
        [...desktop.watch.problems, ...phone.watch.problems].filter((p) => !p.includes('404')),
        view,
      ).toEqual([]);
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    }
  }, 120_000);

  it('inside Teams in the dark theme, each view passes axe-core', async () => {
    for (const view of ['week', 'schedule', 'rotation', 'editor'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      contexts.push(context);
      refusedRequests.push(await keepOffline(context));
      const page = await context.newPage();
      const hostUrl = `${crewdesk.baseUrl}/tab/__teams-host.html`;
      await page.route(hostUrl, (route) =>
        route.fulfill({ contentType: 'text/html', body: fakeTeamsHostPage(`/tab/?view=${view}`, 'dark') }),
      );
      await page.goto(hostUrl);
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
      if (!frame) throw new Error('the fake Teams host should frame the tab');
      await viewSettled(frame);
      expect(await frame.getByText('Running in Microsoft Teams.').isVisible()).toBe(true);
      const brightness = await frame.evaluate(() => {
        const [r = 0, g = 0, b = 0] = (
          getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []
        ).map(Number);
        return (r + g + b) / 3;
      });
      expect(brightness).toBeLessThan(60);
      expect(await runAxe(frame), `${view} (dark)`).toEqual([]);
      if (view === 'week') await screenshot(page, 'week-teams-dark');
    }
  }, 60_000);
});
