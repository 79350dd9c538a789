// Month end and support in the tab, in a real browser against the real server with the demo
// organisation and its two months of demo hours: HR locks last month for the RHT claim in the
// report view, sees a change after the lock flagged, and reopens the month with a reason; a store
// manager approves one report's month and sends another back with a comment in the Approvals view
// (checked through the API afterwards); HR reads the audit trail of these changes; an IT agent
// reads the ticket list with its SLA deadlines. The tests run in order: each builds on the state the
// one before left. Each new view passes axe-core and fits 360 px, and is photographed
// (tests/support/screenshots.ts says where).
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/support/ticket.js';
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
import { screenshot } from '../support/screenshots.js';

const ALEX_WILBER = '00000000-0000-0000-0000-0000000000020'; // The demo store manager.
const FAST = { timeout: 10_000 };

interface DemoUser {
  aadObjectId: string;
  displayName: string;
  roles: string[];
}

interface TeamMonth {
  lock: unknown;
  lines: {
    person: { aadObjectId: string; displayName: string };
    approval: { status: string; comment: string | null; decidedBy: string | null } | null;
    missingDays: number;
  }[];
}

interface MonthStatus {
  lock: { lockedBy: string; changesAfterLock: number } | null;
  approvals: { pending: number; approved: number; sentBack: number };
}

/** The month before the one holding `date`, as `YYYY-MM`. */
function monthBefore(date: Date): string {
  return new Date(Date.UTC(date.getFullYear(), date.getMonth() - 1, 1)).toISOString().slice(0, 7);
}

function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The view has drawn: its panel is there and nothing in it is loading any more. */
async function viewSettled(page: Page): Promise<void> {
  await page.locator('#view-panel').waitFor(FAST);
  await expect.poll(() => page.locator('#view-panel [role="progressbar"]').count(), FAST).toBe(0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function pageWidth(page: Page): Promise<number> {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth]);
  return Math.max(...widths);
}

warnIfNoChromium();

describe.skipIf(!hasChromium)('month end and tickets in the tab', () => {
  let crewdesk: CrewdeskUnderTest;
  let browser: Browser;
  let hr: DemoUser;
  let itAgent: DemoUser;
  let employee: DemoUser;
  const lastMonth = monthBefore(new Date());
  const contexts: BrowserContext[] = [];
  const refusedRequests: string[][] = [];

  async function api<T>(
    as: string,
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${crewdesk.baseUrl}${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', 'X-Crewdesk-Demo-User': as },
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  beforeAll(async () => {
    buildTabIfStale();
    [crewdesk, browser] = await Promise.all([startCrewdeskForTest({ demoHours: true }), launchChromium()]);
    const response = await fetch(`${crewdesk.baseUrl}/api/demo/users?limit=100`);
    const users = ((await response.json()) as { users: DemoUser[] }).users;
    const only = (...roles: string[]) =>
      users.find(
        (user) => user.roles.length === roles.length && roles.every((role) => user.roles.includes(role)),
      );
    const [foundHr, foundIt, foundEmployee] = [
      only('hr', 'employee'),
      only('it', 'employee'),
      only('employee'),
    ];
    if (!foundHr || !foundIt || !foundEmployee)
      throw new Error('the demo organisation should feature HR, IT and an employee');
    [hr, itAgent, employee] = [foundHr, foundIt, foundEmployee];
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
    });
    contexts.push(context);
    refusedRequests.push(await keepOffline(context));
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${crewdesk.baseUrl}/tab/?as=${encodeURIComponent(as)}&view=${view}`);
    await viewSettled(page);
    return { page, watch };
  }

  it('shows Approvals to managers only, Tickets to IT only and the audit trail to HR', async () => {
    const tabsOf = async (as: string) => {
      const { page } = await openTab(as, 'profile');
      return page.getByRole('tab').allInnerTexts();
    };
    expect(await tabsOf(ALEX_WILBER)).toContain('Approvals');
    expect(await tabsOf(ALEX_WILBER)).not.toContain('Tickets');
    expect(await tabsOf(itAgent.aadObjectId)).toContain('Tickets');
    expect(await tabsOf(itAgent.aadObjectId)).not.toContain('Approvals');
    expect(await tabsOf(hr.aadObjectId)).toContain('Audit trail');
    expect(await tabsOf(ALEX_WILBER)).not.toContain('Audit trail');
    const ownTabs = await tabsOf(employee.aadObjectId);
    expect(ownTabs).not.toContain('Approvals');
    expect(ownTabs).not.toContain('Tickets');
  }, 60_000);

  it('a manager approves one month and sends another back with a comment', async () => {
    const before = await api<TeamMonth>(ALEX_WILBER, `/api/timesheets?month=${lastMonth}`);
    expect(before.status).toBe(200);
    expect(before.body.lock).toBeNull();
    expect(before.body.lines.length).toBeGreaterThanOrEqual(3);
    const [approved, sentBack] = before.body.lines.map((line) => line.person);
    if (!approved || !sentBack) throw new Error('Alex Wilber should have direct reports');

    const { page, watch } = await openTab(ALEX_WILBER, 'approvals');
    // Last month is chosen: the one the approval round asks for.
    expect(await page.getByRole('combobox', { name: 'Month' }).inputValue()).toBe(lastMonth);
    const cards = page.getByRole('list', { name: 'Months of your team' }).locator(':scope > li');
    expect(await cards.count()).toBe(before.body.lines.length);
    const cardOf = (name: string) => cards.filter({ has: page.getByRole('heading', { name, exact: true }) });
    expect(await cardOf(approved.displayName).innerText()).toMatch(/Worked\s+\d+h/);

    await page.getByRole('button', { name: `Approve ${approved.displayName}` }).click();
    await page.getByText(`Approved: ${approved.displayName}.`).waitFor(FAST);
    expect(await cardOf(approved.displayName).getByText('Approved', { exact: true }).isVisible()).toBe(true);

    await page.getByRole('button', { name: `Send back ${sentBack.displayName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Send back the month of ${sentBack.displayName}` });
    await dialog.waitFor(FAST);
    // Without a comment nothing is sent: the dialog says what is missing.
    await dialog.getByRole('button', { name: 'Send back', exact: true }).click();
    await dialog.getByText('Please write what needs correcting.').waitFor(FAST);
    expect(await seriousAxeViolations(page), 'send-back dialog').toEqual([]);
    await dialog
      .getByRole('textbox', { name: /What needs correcting/ })
      .fill('The 3rd and the 4th are missing');
    await screenshot(page, 'approvals-send-back');
    await dialog.getByRole('button', { name: 'Send back', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', ...FAST });
    await page.getByText(`Sent back to ${sentBack.displayName}.`).waitFor(FAST);
    expect(await cardOf(sentBack.displayName).innerText()).toContain('“The 3rd and the 4th are missing”');
    expect(await seriousAxeViolations(page), 'after the dialog closed').toEqual([]);

    const after = await api<TeamMonth>(ALEX_WILBER, `/api/timesheets?month=${lastMonth}`);
    const approvalOf = (id: string) =>
      after.body.lines.find((line) => line.person.aadObjectId === id)?.approval;
    expect(approvalOf(approved.aadObjectId)).toMatchObject({ status: 'approved', decidedBy: ALEX_WILBER });
    expect(approvalOf(sentBack.aadObjectId)).toMatchObject({
      status: 'sent_back',
      comment: 'The 3rd and the 4th are missing',
      decidedBy: ALEX_WILBER,
    });
    // Only the send-back dialog's first try asked for nothing: one decision request each.
    const decisions = watch.requests.filter((request) => request.url.includes('/decision'));
    expect(decisions.map((request) => request.method)).toEqual(['POST', 'POST']);
    expect(watch.problems).toEqual([]);
  });

  it('"approve all complete" approves exactly the months without a missing day', async () => {
    const before = await api<TeamMonth>(ALEX_WILBER, `/api/timesheets?month=${lastMonth}`);
    const eligible = before.body.lines.filter(
      (line) => line.missingDays === 0 && line.approval?.status !== 'approved',
    );
    const { page } = await openTab(ALEX_WILBER, 'approvals');
    const button = page.getByRole('button', { name: `Approve all complete (${eligible.length})` });
    await button.waitFor(FAST);
    if (eligible.length === 0) {
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      return;
    }
    await button.click();
    await page.getByText(new RegExp(`^${eligible.length} months? approved\\.$`)).waitFor(FAST);
    const after = await api<TeamMonth>(ALEX_WILBER, `/api/timesheets?month=${lastMonth}`);
    for (const line of after.body.lines) {
      const was = before.body.lines.find((old) => old.person.aadObjectId === line.person.aadObjectId);
      const expected = eligible.some((chosen) => chosen.person.aadObjectId === line.person.aadObjectId)
        ? 'approved'
        : was?.approval?.status;
      expect(line.approval?.status, line.person.displayName).toBe(expected);
    }
  });

  it('HR locks last month for the claim, sees a later change flagged, and reopens it with a reason', async () => {
    const { page, watch } = await openTab(hr.aadObjectId, 'rht');
    const panel = page.getByRole('region', { name: 'Lock for the claim' });
    await panel.getByText(/^\W*Open$/).waitFor(FAST);
    expect(await panel.innerText()).toMatch(
      /Timesheet approvals:\s*Waiting\s*\d+\s*Approved\s*\d+\s*Sent back\s*\d+/,
    );

    await panel.getByRole('button', { name: 'Lock month for the claim' }).click();
    await panel.getByRole('status').filter({ hasText: 'is locked for the claim.' }).waitFor(FAST);
    await panel.getByText(new RegExp(`^Locked on .+ by ${escapeRegExp(hr.displayName)}\\.$`)).waitFor(FAST);
    const locked = await api<MonthStatus>(hr.aadObjectId, `/api/months/${lastMonth}`);
    expect(locked.body.lock).toMatchObject({ lockedBy: hr.aadObjectId, changesAfterLock: 0 });

    // A locked month is read-only for the manager.
    const manager = await openTab(ALEX_WILBER, 'approvals');
    await manager.page
      .getByText(/is locked for the short-time work claim: these months are read-only\./)
      .waitFor(FAST);
    expect(await manager.page.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    expect(await manager.page.getByRole('button', { name: /^Send back/ }).count()).toBe(0);
    const refused = await api<{ error: { code: string } }>(
      ALEX_WILBER,
      `/api/timesheets/${encodeURIComponent(employee.aadObjectId)}/${lastMonth}/decision`,
      { method: 'POST', body: JSON.stringify({ decision: 'approve' }) },
    );
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'hours.month_locked' } } });

    // HR corrected hours after the claim (the chat asks HR for a reason and counts the change).
    await crewdesk.store.timesheets.recordChangeAfterLock(lastMonth, new Date().toISOString());
    await page.reload();
    await viewSettled(page);
    await panel.getByText(/^\W*Changed after the claim: 1 change since /).waitFor(FAST);
    expect(await seriousAxeViolations(page), 'locked month').toEqual([]);
    await screenshot(page, 'rht-month-locked');

    // This month is not over: it cannot be locked, and the reason is said next to the button.
    await page.getByRole('combobox', { name: 'Month' }).selectOption(monthOf(new Date()));
    const lockButton = panel.getByRole('button', { name: 'Lock month for the claim' });
    await lockButton.waitFor(FAST);
    expect(await lockButton.getAttribute('aria-disabled')).toBe('true');
    expect(await lockButton.evaluate((button) => button.getAttribute('aria-describedby'))).toBeTruthy();
    expect(await panel.innerText()).toMatch(/is not over yet: it can be locked once it has ended\./);

    await page.getByRole('combobox', { name: 'Month' }).selectOption(lastMonth);
    await panel.getByRole('button', { name: 'Reopen' }).click();
    const dialog = page.getByRole('dialog', { name: /^Reopen / });
    await dialog.waitFor(FAST);
    await dialog.getByRole('button', { name: 'Reopen the month' }).click();
    await dialog.getByText('A reason is required.').waitFor(FAST);
    expect(await seriousAxeViolations(page), 'reopen dialog').toEqual([]);
    const reason = `Claim corrected for the Lausanne stores ${randomUUID().slice(0, 8)}`;
    await dialog.getByRole('textbox', { name: /Reason/ }).fill(reason);
    await dialog.getByRole('button', { name: 'Reopen the month' }).click();
    await dialog.waitFor({ state: 'hidden', ...FAST });
    await panel.getByRole('status').filter({ hasText: 'is open again.' }).waitFor(FAST);
    await panel.getByText(/^\W*Open$/).waitFor(FAST);
    expect(await seriousAxeViolations(page), 'after the dialog closed').toEqual([]);

    const reopened = await api<MonthStatus>(hr.aadObjectId, `/api/months/${lastMonth}`);
    expect(reopened.body.lock).toBeNull();
    const audit = await api<{ events: { action: string; reason: string | null; actor: string }[] }>(
      hr.aadObjectId,
      '/api/audit?action=month.unlock',
    );
    expect(audit.body.events[0]).toMatchObject({ action: 'month.unlock', reason, actor: hr.aadObjectId });
    const unlocks = watch.requests.filter((request) => request.url.endsWith('/unlock'));
    expect(unlocks).toHaveLength(1); // The empty reason was stopped in the dialog.
    expect(watch.problems).toEqual([]);
  }, 120_000);

  it('HR reads the audit trail newest first and filters it by action and by person', async () => {
    const { page, watch } = await openTab(hr.aadObjectId, 'audit');
    const table = page.getByRole('table');
    await table.waitFor(FAST);
    const rows = table.locator('tbody tr');
    // The lock test above locked and reopened last month; the manager decided on two months.
    const all = await rows.allInnerTexts();
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all.findIndex((text) => text.includes('Month reopened'))).toBeLessThan(
      all.findIndex((text) => text.includes('Month locked')),
    );

    const asked = watch.requests.length;
    await page.getByRole('combobox', { name: 'Action' }).selectOption('month.unlock');
    await expect
      .poll(() => watch.requests.slice(asked).some((r) => r.url.includes('action=month.unlock')), FAST)
      .toBe(true);
    await viewSettled(page);
    const reopened = await rows.allInnerTexts();
    expect(reopened.length).toBeGreaterThanOrEqual(1);
    for (const text of reopened) expect(text).toContain('Month reopened');
    expect(reopened[0]).toContain('Claim corrected for the Lausanne stores');

    await page.getByRole('combobox', { name: 'Action' }).selectOption('');
    // The approvals test sent one month back ("approve all complete" approved it afterwards).
    const sentBack = await api<{ events: { personAadObjectId: string | null }[] }>(
      hr.aadObjectId,
      '/api/audit?action=timesheet.send_back',
    );
    const someone = sentBack.body.events[0]?.personAadObjectId;
    if (!someone) throw new Error('the approvals test should have sent a month back');
    const before = watch.requests.length;
    await page.getByRole('textbox', { name: 'Person (directory id)' }).fill(someone);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect
      .poll(() => watch.requests.slice(before).some((r) => r.url.includes('person=')), FAST)
      .toBe(true);
    await viewSettled(page);
    const own = await rows.allInnerTexts();
    expect(own.some((text) => text.includes('Timesheet sent back'))).toBe(true);
    for (const text of own) expect(text).toContain(someone);
    expect(watch.problems).toEqual([]);
  }, 60_000);

  it('an IT agent sees the tickets newest first with their SLA, overdue ones flagged, and filters them', async () => {
    const people = await Promise.all(
      [employee.aadObjectId, ALEX_WILBER, hr.aadObjectId].map(
        async (id) =>
          (
            await api<{
              aadObjectId: string;
              displayName: string;
              site: { id: string; canton: string } | null;
            }>(id, '/api/me')
          ).body,
      ),
    );
    const now = Date.now();
    const at = (hoursFromNow: number) => new Date(now + hoursFromNow * 3_600_000).toISOString();
    const base = await crewdesk.store.support.nextTicketNumber();
    const ticket = (index: number, overrides: Partial<Ticket>): Ticket => {
      const requester = people[index % people.length]!;
      return {
        id: randomUUID(),
        number: base + index,
        category: 'connectivity',
        problem: 'vpn_blocked',
        summary: `VPN does not connect (${index})`,
        requesterAadObjectId: requester.aadObjectId,
        requesterName: requester.displayName,
        requesterLocale: 'en',
        reporterAadObjectId: requester.aadObjectId,
        siteId: requester.site?.id ?? null,
        canton: requester.site?.canton ?? null,
        triage: {},
        priority: 'normal',
        status: 'new',
        assigneeAadObjectId: null,
        queueConversationId: null,
        personRequested: false,
        createdAt: at(-30 + index),
        updatedAt: at(-30 + index),
        firstAnswerDueAt: at(4),
        firstAnsweredAt: null,
        resolvedAt: null,
        version: 1,
        sourceKey: `e2e-${randomUUID()}`,
        ...overrides,
      };
    };
    const tickets = [
      ticket(0, { status: 'resolved', resolvedAt: at(-20), firstAnsweredAt: at(-25), priority: 'low' }),
      ticket(1, {
        category: 'equipment',
        problem: 'other',
        summary: 'Headset broken',
        status: 'assigned',
        firstAnsweredAt: at(-2),
      }),
      ticket(2, {
        priority: 'urgent',
        summary: 'No internet at all',
        problem: 'no_home_internet',
        firstAnswerDueAt: at(-1),
        personRequested: true,
      }),
    ];
    for (const one of tickets) {
      const inserted = await crewdesk.store.support.insertTicket(one, {
        ticketId: one.id,
        version: 1,
        action: 'opened',
        actorAadObjectId: one.requesterAadObjectId,
        at: one.createdAt,
        note: null,
      });
      expect(inserted).toBe(true);
    }
    const reference = (one: Ticket) => `CD-${String(one.number).padStart(6, '0')}`;

    // The demo organisation has tickets of its own: the list is all of them, newest first.
    const listed = await api<{ tickets: { reference: string; createdAt: string }[] }>(
      itAgent.aadObjectId,
      '/api/tickets?limit=200',
    );
    const newestFirst = [...listed.body.tickets]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((one) => one.reference);
    expect(newestFirst).toEqual(expect.arrayContaining(tickets.map(reference)));

    const { page, watch } = await openTab(itAgent.aadObjectId, 'tickets');
    const table = page.getByRole('table');
    await table.waitFor(FAST);
    const rows = table.locator('tbody tr');
    const referenceCells = table.locator('tbody tr th');
    const shownReferences = async () =>
      (await referenceCells.allInnerTexts()).map((text) => text.split('\n')[0]);
    expect(await shownReferences()).toEqual(newestFirst);
    const rowOf = (one: Ticket) => rows.filter({ hasText: reference(one) });
    /** Chooses a filter and waits for the list it asked for to be drawn. */
    const filter = async (name: string, value: string) => {
      const asked = watch.requests.length;
      await page.getByRole('combobox', { name }).selectOption(value);
      await expect
        .poll(() => watch.requests.slice(asked).some((r) => r.url.includes('/api/tickets')), FAST)
        .toBe(true);
      await viewSettled(page);
    };
    expect(
      await rowOf(tickets[2]!)
        .getByText(/^\W*Overdue$/)
        .isVisible(),
    ).toBe(true);
    expect(await rowOf(tickets[2]!).innerText()).toContain('Wants to talk to a person');
    for (const onTime of [tickets[0]!, tickets[1]!]) {
      expect(
        await rowOf(onTime)
          .getByText(/^\W*Overdue$/)
          .count(),
        reference(onTime),
      ).toBe(0);
    }
    expect(await rowOf(tickets[1]!).innerText()).toContain('Answered');

    await filter('Status', 'resolved');
    expect(await shownReferences()).toContain(reference(tickets[0]!));
    expect(await shownReferences()).not.toContain(reference(tickets[1]!));
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Resolved');

    await filter('Status', '');
    await filter('Category', 'equipment');
    expect(await shownReferences()).toContain(reference(tickets[1]!));
    expect(await shownReferences()).not.toContain(reference(tickets[0]!));
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Equipment');
    expect(watch.requests.some((request) => request.url.includes('category=equipment'))).toBe(true);

    const siteOfOverdue = tickets[2]!.siteId;
    if (siteOfOverdue) {
      await filter('Category', '');
      await filter('Site', siteOfOverdue);
      expect(watch.requests.some((request) => request.url.includes(`site=${siteOfOverdue}`))).toBe(true);
      expect(await shownReferences()).toContain(reference(tickets[2]!));
      for (const text of await rows.allInnerTexts()) expect(text).toContain(siteOfOverdue);
    }
    expect(watch.problems).toEqual([]);
  });

  it('each new view fits 360 px without horizontal page scroll, passes axe-core, and is photographed', async () => {
    for (const [view, as] of [
      ['approvals', ALEX_WILBER],
      ['tickets', itAgent.aadObjectId],
      ['rht', hr.aadObjectId],
      ['audit', hr.aadObjectId],
    ] as const) {
      const desktop = await openTab(as, view);
      expect(await seriousAxeViolations(desktop.page), view).toEqual([]);
      if (view !== 'rht') await screenshot(desktop.page, `${view}-desktop`);

      const phone = await openTab(as, view, { width: 360, height: 740 });
      expect(await pageWidth(phone.page), view).toBeLessThanOrEqual(360);
      expect(await seriousAxeViolations(phone.page), `${view} at 360 px`).toEqual([]);
      if (view !== 'rht') await screenshot(phone.page, `${view}-phone`);
      expect([...desktop.watch.problems, ...phone.watch.problems], view).toEqual([]);
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    }
  }, 120_000);
});
