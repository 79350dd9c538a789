// Real-browser tests: Debian's Chromium driven by playwright-core (a test tool's own browser
// download does not work on these machines). Shared by every test under tests/e2e.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const hasChromium = existsSync(CHROMIUM_PATH);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Say so, loudly, when a suite cannot run here; call it next to `describe.skipIf(!hasChromium)`. */
export function warnIfNoChromium(): void {
  if (!hasChromium)
    console.warn('browser tests skipped: /usr/bin/chromium not found (apt-get install chromium)');
}

/**
 * Headless Chromium with a fresh profile: playwright creates a new temporary user-data dir for
 * every launch and deletes it on close, so no cookie, storage or cache leaks between runs; each
 * `browser.newContext()` is isolated again.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

/** Builds the tab (tab/dist) when it is missing or older than its sources; the server serves it. */
export function buildTabIfStale(): void {
  const script = pathToFileURL(join(repositoryRoot, 'scripts', 'ensure-built.js')).href;
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(script)}); await m.ensureTabBuilt();`,
    ],
    { cwd: repositoryRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

// teams-js fetches its list of valid Teams origins from Microsoft's CDN as soon as it loads
// (internal/validOrigins.js, prefetchOriginsFromCDN). These machines are offline: the test answers.
const TEAMS_JS_VALID_ORIGINS = 'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Keeps a browser context off the internet, the way the tests' server is: loopback requests go
 * through; teams-js's valid-origins list is served by the test; anything else is refused and listed
 * in the returned array, so a test can assert that the page asked for nothing outside.
 */
export async function keepOffline(context: BrowserContext): Promise<string[]> {
  const refused: string[] = [];
  await context.route(
    (url) => !LOOPBACK_HOSTS.has(url.hostname) && url.protocol !== 'data:',
    async (route) => {
      const url = route.request().url();
      if (url === TEAMS_JS_VALID_ORIGINS) {
        await route.fulfill({
          json: { validOrigins: ['teams.microsoft.com', '*.teams.microsoft.com', 'teams.cloud.microsoft'] },
        });
        return;
      }
      refused.push(url);
      await route.abort('internetdisconnected');
    },
  );
  return refused;
}

export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Milliseconds since the watch began. */
  at: number;
}

export interface PageWatch {
  /** Uncaught errors, unhandled rejections and console errors of the page and its frames. */
  problems: string[];
  requests: SeenRequest[];
  /** Resolves once no request has started for `quietMs`; rejects after `timeoutMs`. */
  waitForQuietNetwork(quietMs: number, timeoutMs: number): Promise<void>;
}

/** Records what a page does that a user would not see: errors, console errors, requests. */
export function watchPage(page: Page): PageWatch {
  const started = Date.now();
  const problems: string[] = [];
  const requests: SeenRequest[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('request', (request) => {
    requests.push({
      url: request.url(),
      method: request.method(),
      headers: request.headers(),
      at: Date.now() - started,
    });
  });
  return {
    problems,
    requests,
    async waitForQuietNetwork(quietMs, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const last = requests.at(-1)?.at ?? 0;
        const quietFor = Date.now() - started - last;
        if (quietFor >= quietMs) return;
        if (Date.now() + (quietMs - quietFor) > deadline) {
          throw new Error(
            `network still busy after ${timeoutMs} ms: ${requests
              .slice(-5)
              .map((r) => r.url)
              .join(', ')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, quietMs - quietFor));
      }
    },
  };
}

const AXE_PATH = join(repositoryRoot, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * axe-core's serious and critical violations of what the page (or a frame) shows now, one line
 * each; an accessible page gives []. Injected through the DevTools protocol: the tab's
 * Content-Security-Policy forbids inline <script>.
 */
export async function seriousAxeViolations(target: Page | Frame): Promise<string[]> {
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
