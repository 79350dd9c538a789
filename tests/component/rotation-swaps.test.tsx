// @vitest-environment happy-dom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../src/domain/shared/calendar-date.js';
import { demoUserCredentials } from '../../tab/src/api-client.js';
import { localToday, mondayOf } from '../../tab/src/views/common.js';
import RotationView from '../../tab/src/views/RotationView.js';

/**
 * Swap requests in the Office rotation view, against a stub of the `fetch` the tab uses: a member
 * asks and sees the pending request, a refusal reads as its reason in the reader's words, and a
 * manager's Approve sends one decision and loads the rotation again. The tab against the real
 * server: tests/e2e/tab-swaps.test.ts.
 */
const monday = mondayOf(localToday());
const from = monday;
const to = addDays(monday, 27);
const tomorrow = addDays(localToday(), 1);

const person = (id: string, name: string, cohortId: string, place: (date: string) => string) => ({
  aadObjectId: id,
  displayName: name,
  cohortId,
  critical: false,
  days: Array.from({ length: 28 }, (_, index) => {
    const date = addDays(monday, index);
    return { date, place: place(date) };
  }),
});

const rotation = (placeOfLea: (date: string) => string = () => 'home') => ({
  id: 'rot-1',
  siteId: 'LS',
  siteName: 'Lausanne siège',
  team: null,
  status: 'published',
  pattern: { kind: 'custom', cohorts: 2 },
  capPercent: 50,
  startDate: from,
  endDate: to,
  cohorts: [
    { id: 'A', name: 'A', color: '#E69F00' },
    { id: 'B', name: 'B', color: '#56B4E9' },
  ],
  assignments: [
    person('lea', 'Léa Morel', 'A', placeOfLea),
    person('tom', 'Tom Keller', 'B', () => 'office'),
  ],
  headcount: [],
  conflicts: [],
});

const request = (status: string, overrides: Record<string, unknown> = {}) => ({
  id: 'swap-1',
  rotationId: 'rot-1',
  siteId: 'LS',
  siteName: 'Lausanne siège',
  requester: { aadObjectId: 'lea', displayName: 'Léa Morel' },
  partner: { aadObjectId: 'tom', displayName: 'Tom Keller' },
  date: tomorrow,
  reason: 'Dentist',
  status,
  approvers: [{ aadObjectId: 'marc', displayName: 'Marc Favre' }],
  requestedAt: '2026-11-30T07:30:00.000Z',
  decidedBy: null,
  decidedAt: null,
  comment: null,
  version: 1,
  changes: [
    { aadObjectId: 'lea', date: tomorrow, before: 'home', after: 'office' },
    { aadObjectId: 'tom', date: tomorrow, before: 'office', after: 'home' },
  ],
  problem: null,
  ...overrides,
});

type Answer = { status?: number; body: unknown } | ((call: number) => { status?: number; body: unknown });

function stubApi(answers: Record<string, Answer>) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
      const key = `${method} ${url}`;
      const found = answers[key];
      const answer =
        typeof found === 'function'
          ? found(calls.filter((call) => `${call.method} ${call.url}` === key).length)
          : found;
      if (answer === undefined) return new Response('{}', { status: 404 });
      return new Response(JSON.stringify(answer.body), {
        status: answer.status ?? 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return calls;
}

function renderView(id: string, roles: string[]) {
  const me = { aadObjectId: id, displayName: id, roles };
  return render(
    <FluentProvider theme={webLightTheme}>
      <RotationView me={me as never} credentials={demoUserCredentials(id)} />
    </FluentProvider>,
  );
}

const ownRotations = `GET /api/rotations?from=${from}&to=${to}`;
const siteRotations = `GET /api/rotations?site=LS&from=${from}&to=${to}`;
const swapRequests = 'GET /api/rotations/rot-1/swap-requests';

/** Léa opens the dialog and fills it for Tom, tomorrow. */
async function askForTomorrow() {
  fireEvent.click(await screen.findByRole('button', { name: 'Ask to swap' }));
  const dialog = await screen.findByRole('dialog', { name: 'Ask to swap days' });
  const colleague = await within(dialog).findByRole('combobox', { name: /Colleague/ });
  fireEvent.change(colleague, { target: { value: 'tom' } });
  fireEvent.change(within(dialog).getByRole('combobox', { name: /Day/ }), { target: { value: tomorrow } });
  fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason/ }), { target: { value: 'Dentist' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send the request' }));
  return dialog;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('swap requests in the Office rotation view', () => {
  it('a member asks to swap a day with a colleague and sees the request pending', async () => {
    const calls = stubApi({
      [ownRotations]: { body: { rotations: [{ ...rotation(), assignments: [rotation().assignments[0]] }] } },
      [siteRotations]: { body: { rotations: [rotation()] } },
      [swapRequests]: { body: { requests: [] } },
      'POST /api/rotations/rot-1/swap-requests': { status: 201, body: request('pending') },
    });
    renderView('lea', ['employee']);
    await askForTomorrow();
    await screen.findByText('Request sent to Marc Favre. It is waiting for a decision.');
    const mine = screen.getByRole('list', { name: 'My swap requests' });
    expect(within(mine).getByText(/With Tom Keller/)).toBeDefined();
    expect(within(mine).getByText('Waiting for a decision')).toBeDefined();
    expect(
      within(mine).getByRole('button', { name: 'Withdraw the request to swap with Tom Keller' }),
    ).toBeDefined();
    expect(calls.filter((call) => call.method === 'POST')).toEqual([
      {
        method: 'POST',
        url: '/api/rotations/rot-1/swap-requests',
        body: { partner: 'tom', date: tomorrow, reason: 'Dentist' },
      },
    ]);
  });

  it('shows a refusal with its reason in the reader’s words, and keeps the dialog open', async () => {
    const calls = stubApi({
      [ownRotations]: { body: { rotations: [rotation()] } },
      [siteRotations]: { body: { rotations: [rotation()] } },
      [swapRequests]: { body: { requests: [] } },
      'POST /api/rotations/rot-1/swap-requests': {
        status: 422,
        body: {
          error: {
            code: 'rotation.swap_refused',
            message: 'no critical person on site',
            details: { reason: 'rule', rule: 'no_critical' },
          },
        },
      },
    });
    renderView('lea', ['employee']);
    const dialog = await askForTomorrow();
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      'This swap is not possible. The swap would break a rule of the rotation: no critical person would be on site.',
    );
    expect(screen.queryByText(/no critical person on site/)).toBeNull();
    expect(screen.queryByRole('list', { name: 'My swap requests' })).toBeNull();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('a manager approves a pending request with one decision, and the grid shows the swapped day', async () => {
    const calls = stubApi({
      // The second load, after the approval, has Léa in the office tomorrow.
      [ownRotations]: (call) => ({
        body: {
          rotations: [call === 1 ? rotation() : rotation((date) => (date === tomorrow ? 'office' : 'home'))],
        },
      }),
      [swapRequests]: { body: { requests: [request('pending')] } },
      'POST /api/swap-requests/swap-1/decision': {
        body: request('approved', {
          decidedBy: { aadObjectId: 'marc', displayName: 'Marc Favre' },
          version: 2,
        }),
      },
    });
    renderView('marc', ['employee', 'manager']);
    const toDecide = await screen.findByRole('list', { name: 'Swap requests to decide' });
    expect(within(toDecide).getByText('Reason: Dentist')).toBeDefined();
    const officeCells = () =>
      screen
        .getAllByRole('row')
        .filter((row) => row.textContent?.startsWith('Léa Morel'))[0]!
        .textContent!.split('Office').length - 1;
    expect(officeCells()).toBe(0);
    fireEvent.click(
      within(toDecide).getByRole('button', { name: 'Approve the swap of Léa Morel with Tom Keller' }),
    );
    await screen.findByText('Approved: the days of Léa Morel and Tom Keller are swapped.');
    expect(calls.filter((call) => call.method === 'POST')).toEqual([
      { method: 'POST', url: '/api/swap-requests/swap-1/decision', body: { decision: 'approve' } },
    ]);
    await vi.waitFor(() => expect(officeCells()).toBe(1));
    expect(calls.filter((call) => call.url === ownRotations.slice(4))).toHaveLength(2);
    expect(screen.getByText('No swap request is waiting for a decision.')).toBeDefined();
  });
});
