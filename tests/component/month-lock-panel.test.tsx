// @vitest-environment happy-dom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoUserCredentials } from '../../tab/src/api-client.js';
import { MonthLockPanel } from '../../tab/src/views/MonthLockPanel.js';

/**
 * The RHT view's month-lock panel as a component: what it shows for an open, a locked and a
 * changed-after-the-claim month, and which API call its buttons make. The API is a stub on the
 * `fetch` the tab uses; the whole tab against the real server is tests/e2e/tab-month-end.test.ts.
 */
interface Call {
  method: string;
  url: string;
  body: unknown;
}

function stubApi(answers: Record<string, unknown>) {
  const calls: Call[] = [];
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

const status = (lock: unknown) => ({
  month: '2026-10',
  lock,
  approvals: { pending: 3, approved: 40, sentBack: 1 },
});

function renderPanel(month = '2026-10') {
  return render(
    <FluentProvider theme={webLightTheme}>
      <MonthLockPanel
        month={month}
        credentials={demoUserCredentials('hr-1')}
        nameOf={(id) => (id === 'hr-1' ? 'Hanna Roth' : undefined)}
      />
    </FluentProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the month-lock panel', () => {
  it('shows an open month with the approvals’ tally and locks it with one click', async () => {
    const locked = {
      month: '2026-10',
      lockedBy: 'hr-1',
      lockedAt: '2026-11-03T09:00:00.000Z',
      changedAfterLockAt: null,
      changesAfterLock: 0,
    };
    const calls = stubApi({
      'GET /api/months/2026-10': status(null),
      'POST /api/months/2026-10/lock': status(locked),
    });
    renderPanel();
    await screen.findByText('Open: the hours of October 2026 can still change.');
    expect(screen.getByText('40')).toBeDefined();
    expect(screen.getByText('3')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Lock month for the claim' }));
    await screen.findByText('October 2026 is locked for the claim.');
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual([
      '/api/months/2026-10/lock',
    ]);
    expect(screen.getByText(/Locked on .* by Hanna Roth\./)).toBeDefined();
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeDefined();
  });

  it('warns that a locked month changed after the claim', async () => {
    stubApi({
      'GET /api/months/2026-10': status({
        month: '2026-10',
        lockedBy: 'hr-1',
        lockedAt: '2026-11-03T09:00:00.000Z',
        changedAfterLockAt: '2026-11-10T14:00:00.000Z',
        changesAfterLock: 2,
      }),
    });
    renderPanel();
    await screen.findByText(/Changed after the claim: 2 changes since/);
    expect(screen.getByText(/may now differ from the claim filed/)).toBeDefined();
  });

  it('does not lock a month that is not over, and says why', async () => {
    const thisMonth = new Date().toISOString().slice(0, 7);
    const calls = stubApi({ [`GET /api/months/${thisMonth}`]: { ...status(null), month: thisMonth } });
    renderPanel(thisMonth);
    await screen.findByText(/is not over yet: it can be locked once it has ended\./);
    const lock = screen.getByRole('button', { name: 'Lock month for the claim' });
    expect(lock.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(lock);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
  });
});
