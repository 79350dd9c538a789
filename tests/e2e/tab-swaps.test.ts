// Swap requests in the tab (issue 7), in a real browser against the real server with the demo
// organisation: the store manager Alex Wilber publishes an A/B rotation of his store; a member of
// cohort B asks, on a phone (360 px), to swap a day at home with a colleague of cohort A who is in
// the store that day; Alex approves in the Office rotation view; the API then serves the rotation
// with the two days swapped. Each step passes axe-core; the phone page has no horizontal scroll.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mondayOf } from '../../src/domain/hours/hours-service.js';
import { addDays, calendarDateIn } from '../../src/domain/shared/calendar-date.js';
import { formatCalendarDate } from '../../src/i18n/format.js';
import {
  buildTabIfStale,
  hasChromium,
  keepOffline,
  launchChromium,
  seriousAxeViolations,
  warnIfNoChromium,
  watchPage,
} from '../support/browser.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';

const ALEX_WILBER = '00000000-0000-0000-0000-0000000000020'; // The demo store manager.
const FAST = { timeout: 10_000 };

interface RotationJson {
  id: string;
  siteId: string;
  status: string;
  startDate: string;
  endDate: string;
  assignments: {
    aadObjectId: string;
    displayName: string;
    cohortId: string | null;
    critical: boolean;
    days: { date: string; place: string | null }[];
  }[];
}

interface SwapRequestJson {
  id: string;
  status: string;
  approvers: { aadObjectId: string; displayName: string }[];
}

warnIfNoChromium();

/** This week's Monday as the browser sees it (its zone is the machine's, like the tab's own clock). */
const localMonday = () =>
  mondayOf(calendarDateIn(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone));

async function viewSettled(page: Page): Promise<void> {
  await page.locator('#view-panel').waitFor(FAST);
  await expect.poll(() => page.locator('#view-panel [role="progressbar"]').count(), FAST).toBe(0);
}

describe.skipIf(!hasChromium)('swap requests in the tab', () => {
  let crewdesk: CrewdeskUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const refusedRequests: string[][] = [];

  async function api<T>(as: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${crewdesk.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Crewdesk-Demo-User': as },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  beforeAll(async () => {
    buildTabIfStale();
    [crewdesk, browser] = await Promise.all([startCrewdeskForTest(), launchChromium()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await crewdesk?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(refusedRequests.splice(0).flat()).toEqual([]);
  });

  async function openTab(as: string, options: { width?: number; height?: number } = {}) {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      locale: 'en-US',
    });
    contexts.push(context);
    refusedRequests.push(await keepOffline(context));
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${crewdesk.baseUrl}/tab/?as=${encodeURIComponent(as)}&view=rotation`);
    await viewSettled(page);
    return { page, watch };
  }

  async function pageWidth(page: Page): Promise<number> {
    const widths = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.body.scrollWidth,
    ]);
    return Math.max(...widths);
  }

  it('a member asks to swap a day, the manager approves in the tab, and the rotation has the days swapped', async () => {
    // Alex publishes a four-week A/B rotation of his store from next Monday.
    const start = addDays(localMonday(), 7);
    const generated = await api<RotationJson>(ALEX_WILBER, '/api/rotations/generate', {
      team: 'Lausanne Flon',
      pattern: 'ab_weeks',
      startDate: start,
      weeks: 4,
    });
    expect(generated.status).toBe(201);
    const rotationId = generated.body.id;
    expect((await api(ALEX_WILBER, `/api/rotations/${rotationId}/publish`, {})).status).toBe(200);

    // A member of one cohort at home on a day when a member of the other cohort is in the store.
    const people = generated.body.assignments.filter(
      (person) => person.aadObjectId !== ALEX_WILBER && !person.critical,
    );
    const placeOf = (id: string, date: string) =>
      people.find((person) => person.aadObjectId === id)?.days.find((day) => day.date === date)?.place;
    let pair:
      | {
          requester: RotationJson['assignments'][number];
          partner: RotationJson['assignments'][number];
          date: string;
        }
      | undefined;
    for (const requester of people)
      for (const partner of people)
        for (const day of requester.days)
          if (
            !pair &&
            requester.cohortId !== partner.cohortId &&
            day.place === 'home' &&
            placeOf(partner.aadObjectId, day.date) === 'store'
          )
            pair = { requester, partner, date: day.date };
    expect(pair, 'two members of different cohorts to swap a day').toBeDefined();
    const { requester, partner, date } = pair!;

    // The member, on a phone.
    const member = await openTab(requester.aadObjectId, { width: 360, height: 740 });
    // The demo store may have another rotation on the page: this one's swaps are named by its dates.
    const region = `Swap requests, ${formatCalendarDate('en', start)} to ${formatCalendarDate('en', addDays(start, 27))}`;
    const swaps = member.page.getByRole('region', { name: region });
    await swaps.getByRole('button', { name: 'Ask to swap' }).click();
    const dialog = member.page.getByRole('dialog', { name: 'Ask to swap days' });
    await dialog
      .getByRole('combobox', { name: /^Colleague/ })
      .selectOption({ label: partner.displayName }, FAST);
    await dialog.getByRole('combobox', { name: /^Day/ }).selectOption(date);
    await dialog.getByLabel('Reason (optional)').fill('A medical appointment');
    expect(await seriousAxeViolations(member.page), 'the dialog at 360 px').toEqual([]);
    await dialog.getByRole('button', { name: 'Send the request' }).click();
    await swaps.getByText(/^Request sent to .+\. It is waiting for a decision\.$/).waitFor(FAST);
    const mine = swaps.getByRole('list', { name: 'My swap requests' });
    await mine.getByText('Waiting for a decision').waitFor(FAST);
    await mine
      .getByRole('button', { name: `Withdraw the request to swap with ${partner.displayName}` })
      .waitFor(FAST);
    expect(await pageWidth(member.page)).toBeLessThanOrEqual(360);
    expect(await seriousAxeViolations(member.page), 'the member’s view at 360 px').toEqual([]);
    expect(member.watch.problems).toEqual([]);

    const stored = await api<{ requests: SwapRequestJson[] }>(
      requester.aadObjectId,
      `/api/rotations/${rotationId}/swap-requests`,
    );
    expect(stored.body.requests).toHaveLength(1);
    expect(stored.body.requests[0]).toMatchObject({
      status: 'pending',
      approvers: [{ aadObjectId: ALEX_WILBER }],
    });

    // Alex approves in the tab.
    const manager = await openTab(ALEX_WILBER);
    const decisions = manager.page.getByRole('region', { name: region });
    const toDecide = decisions.getByRole('list', { name: 'Swap requests to decide' });
    await toDecide.waitFor(FAST);
    expect(await seriousAxeViolations(manager.page), 'the manager’s view').toEqual([]);
    await toDecide
      .getByRole('button', {
        name: `Approve the swap of ${requester.displayName} with ${partner.displayName}`,
      })
      .click();
    await decisions
      .getByText(`Approved: the days of ${requester.displayName} and ${partner.displayName} are swapped.`)
      .waitFor(FAST);
    await decisions.getByText('No swap request is waiting for a decision.').waitFor(FAST);
    expect(manager.watch.problems).toEqual([]);

    // The API serves the rotation with the day swapped, and the request approved.
    const after = await api<{ rotations: RotationJson[] }>(
      ALEX_WILBER,
      `/api/rotations?site=${generated.body.siteId}&from=${start}&to=${addDays(start, 27)}`,
    );
    const rotation = after.body.rotations.find((entry) => entry.id === rotationId);
    const dayOf = (id: string) =>
      rotation?.assignments.find((person) => person.aadObjectId === id)?.days.find((day) => day.date === date)
        ?.place;
    expect([dayOf(requester.aadObjectId), dayOf(partner.aadObjectId)]).toEqual(['store', 'home']);
    const decided = await api<{ requests: SwapRequestJson[] }>(
      ALEX_WILBER,
      `/api/rotations/${rotationId}/swap-requests`,
    );
    expect(decided.body.requests.map((request) => request.status)).toEqual(['approved']);
  }, 120_000);
});
