// @vitest-environment happy-dom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../src/domain/shared/calendar-date.js';
import { demoUserCredentials } from '../../tab/src/api-client.js';
import { localToday, mondayOf } from '../../tab/src/views/common.js';
import ScheduleView from '../../tab/src/views/ScheduleView.js';

/**
 * The Team schedule view's "whole organisation" choice for HR and admins, against a stub of the
 * `fetch` the tab uses: one call brings everyone's week (not one per site), the team and site
 * choices then filter it without asking again, and the month span is off while it is shown.
 */
const from = mondayOf(localToday());
const to = addDays(from, 6);

const row = (aadObjectId: string, displayName: string, team: string, siteId: string, siteName: string) => ({
  aadObjectId,
  displayName,
  team,
  siteId,
  siteName,
  days: Array.from({ length: 7 }, (_, index) => ({
    date: addDays(from, index),
    place: null,
    cohort: null,
    absence: null,
    workedMinutes: 0,
    missing: false,
  })),
});

const ownTeam = [row('hanna', 'Hanna Roth', 'HR', 'HQ', 'Head office')];
const everyone = [
  ...ownTeam,
  row('lea', 'Léa Morel', 'Lausanne Flon', 'S001', 'Lausanne Flon'),
  row('tom', 'Tom Keller', 'Lausanne Flon', 'S001', 'Lausanne Flon'),
  row('gia', 'Gia Rossi', 'Lugano Centro', 'S002', 'Lugano Centro'),
];

function stubApi() {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      calls.push(url);
      const answers: Record<string, unknown> = {
        [`/api/schedule?from=${from}&to=${to}`]: { from, to, people: ownTeam },
        [`/api/schedule?from=${from}&to=${to}&scope=organisation`]: { from, to, people: everyone },
      };
      const answer = answers[url];
      if (answer === undefined) return new Response('{}', { status: 404 });
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return calls;
}

function renderView(roles: string[]) {
  const me = {
    aadObjectId: 'hanna',
    displayName: 'Hanna Roth',
    roles,
    team: 'HR',
    site: { id: 'HQ', name: 'Head office', canton: 'VD', kind: 'office' },
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <ScheduleView me={me as never} credentials={demoUserCredentials('hanna')} />
    </FluentProvider>,
  );
}

const shownNames = () =>
  within(screen.getByRole('table'))
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the team schedule view', () => {
  it('shows HR the whole organisation from one call, filtered by site and team without asking again', async () => {
    const calls = stubApi();
    renderView(['hr']);
    await screen.findByRole('rowheader', { name: 'Hanna Roth' });

    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'organisation' } });
    await screen.findByRole('rowheader', { name: 'Gia Rossi' });
    expect(shownNames()).toEqual(['Hanna Roth', 'Léa Morel', 'Tom Keller', 'Gia Rossi']);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toMatch(/^Whole organisation, /);
    expect(screen.getByRole('button', { name: 'Month' }).hasAttribute('disabled')).toBe(true);

    fireEvent.change(screen.getByRole('combobox', { name: 'Site' }), { target: { value: 'S001' } });
    expect(shownNames()).toEqual(['Léa Morel', 'Tom Keller']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Site' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Team' }), { target: { value: 'Lugano Centro' } });
    expect(shownNames()).toEqual(['Gia Rossi']);

    expect(calls).toEqual([
      `/api/schedule?from=${from}&to=${to}`,
      `/api/schedule?from=${from}&to=${to}&scope=organisation`,
    ]);
  });

  it('finds people by name whatever the case and accents, within the team and site chosen', async () => {
    stubApi();
    renderView(['hr']);
    await screen.findByRole('rowheader', { name: 'Hanna Roth' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'organisation' } });
    await screen.findByRole('rowheader', { name: 'Gia Rossi' });

    const search = screen.getByRole('searchbox', { name: 'Search by name' });
    fireEvent.change(search, { target: { value: 'LEA' } });
    expect(shownNames()).toEqual(['Léa Morel']);
    fireEvent.change(search, { target: { value: 'o' } });
    expect(shownNames()).toEqual(['Hanna Roth', 'Léa Morel', 'Tom Keller', 'Gia Rossi']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Site' }), { target: { value: 'S001' } });
    expect(shownNames()).toEqual(['Léa Morel', 'Tom Keller']);
    fireEvent.change(search, { target: { value: 'rossi' } });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Nobody to show for this choice.')).toBeDefined();
  });

  it('offers the whole organisation to HR and admins only', async () => {
    stubApi();
    renderView(['manager', 'employee']);
    await screen.findByRole('rowheader', { name: 'Hanna Roth' });
    expect(screen.queryByRole('combobox', { name: 'Show' })).toBeNull();
    cleanup();
    renderView(['admin']);
    await screen.findByRole('rowheader', { name: 'Hanna Roth' });
    expect(screen.getByRole('combobox', { name: 'Show' })).toBeDefined();
  });
});
