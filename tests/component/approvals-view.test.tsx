// @vitest-environment happy-dom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoUserCredentials } from '../../tab/src/api-client.js';
import ApprovalsView from '../../tab/src/views/ApprovalsView.js';
import { monthsUpTo } from '../../tab/src/views/common.js';

/**
 * The manager's Approvals view as a component, against a stub of the `fetch` the tab uses: each
 * report's month with its missing days, Approve sends one decision, and "Approve all complete"
 * one request for the whole team. The tab against the real server: tests/e2e/tab-month-end.test.ts.
 */
const month = monthsUpTo(new Date().toISOString().slice(0, 10))[1]!;

const line = (id: string, name: string, missingDays: number, status: string | null) => ({
  person: { aadObjectId: id, displayName: name },
  approval: status ? { aadObjectId: id, month, status, comment: null, version: 1 } : null,
  targetMinutes: 9240,
  workedMinutes: 9240 - missingDays * 504,
  absenceMinutes: 0,
  missingDays,
});

const team = (lines: ReturnType<typeof line>[]) => ({
  manager: { aadObjectId: 'alex', displayName: 'Alex Wilber', locale: 'en' },
  month,
  lock: null,
  lines,
});

function stubApi(answers: Record<string, unknown>) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
      const answer = answers[`${method} ${url}`];
      if (answer === undefined) return new Response('{}', { status: 404 });
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return calls;
}

function renderView() {
  const me = { aadObjectId: 'alex', displayName: 'Alex Wilber', roles: ['employee', 'manager'] };
  return render(
    <FluentProvider theme={webLightTheme}>
      <ApprovalsView me={me as never} credentials={demoUserCredentials('alex')} />
    </FluentProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the Approvals view', () => {
  const pending = team([line('lea', 'Léa Morel', 0, 'pending'), line('tom', 'Tom Keller', 3, 'pending')]);

  it('shows each report’s month, the missing days, and approves one with one decision', async () => {
    const calls = stubApi({
      [`GET /api/timesheets?month=${month}`]: pending,
      [`POST /api/timesheets/lea/${month}/decision`]: team([
        line('lea', 'Léa Morel', 0, 'approved'),
        line('tom', 'Tom Keller', 3, 'pending'),
      ]),
    });
    renderView();
    await screen.findByText('Léa Morel');
    expect(screen.getByText('3 work days without a record')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Approve Léa Morel' }));
    await screen.findByText('Approved: Léa Morel.');
    expect(calls.filter((call) => call.method === 'POST')).toEqual([
      { method: 'POST', url: `/api/timesheets/lea/${month}/decision`, body: { decision: 'approve' } },
    ]);
  });

  it('approves all complete months with one request, leaving the one with missing days', async () => {
    const calls = stubApi({
      [`GET /api/timesheets?month=${month}`]: team([
        line('lea', 'Léa Morel', 0, 'pending'),
        line('nina', 'Nina Steiner', 0, 'pending'),
        line('tom', 'Tom Keller', 3, 'pending'),
      ]),
      [`POST /api/timesheets/${month}/approve-complete`]: {
        ...team([
          line('lea', 'Léa Morel', 0, 'approved'),
          line('nina', 'Nina Steiner', 0, 'approved'),
          line('tom', 'Tom Keller', 3, 'pending'),
        ]),
        approvedNow: 2,
      },
    });
    renderView();
    const button = await screen.findByRole('button', { name: /Approve all complete \(2\)/ });
    fireEvent.click(button);
    await screen.findByText('2 months approved.');
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual([
      `/api/timesheets/${month}/approve-complete`,
    ]);
    // Tom, with missing days, is still to decide; Léa's month is done.
    expect(
      screen.getByRole('button', { name: 'Approve Tom Keller' }).getAttribute('aria-disabled'),
    ).toBeNull();
    expect(screen.getByRole('button', { name: 'Approve Léa Morel' }).getAttribute('aria-disabled')).toBe(
      'true',
    );
  });
});
