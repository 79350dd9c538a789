/**
 * A manager's adjustment of a draft rotation: two people swap their days.
 *
 * - With a date, the two people exchange that day's place and cohort (the one who goes on site
 *   joins the cohort on duty that day, so cohorts still do not mix). Both must work that day.
 * - Without a date, they exchange cohorts for the whole rotation: each takes the other's site days
 *   on the days they work.
 *
 * The result is checked again; a swap that would add a broken rule (cap, mixed cohorts, store
 * minimum, no critical person) is refused with `rotation.infeasible` naming the rule.
 */
import type { CalendarDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';
import { checkRotation, type ConflictKind, type PlannedPerson, type RotationSite } from './rotation-plan.js';

export interface SwapRequest {
  a: string;
  b: string;
  date?: CalendarDate;
}

function refused(reason: string, details: Record<string, unknown>): DomainError {
  return new DomainError('rotation.infeasible', reason, { constraint: 'swap', ...details });
}

function conflictCounts(
  sites: readonly RotationSite[],
  people: readonly PlannedPerson[],
  dates: CalendarDate[],
) {
  const counts = new Map<ConflictKind, number>();
  for (const conflict of checkRotation(sites, people, dates).conflicts)
    counts.set(conflict.kind, (counts.get(conflict.kind) ?? 0) + 1);
  return counts;
}

export function swapDays(
  sites: readonly RotationSite[],
  people: readonly PlannedPerson[],
  dates: readonly CalendarDate[],
  request: SwapRequest,
): PlannedPerson[] {
  const a = people.find((person) => person.id === request.a);
  const b = people.find((person) => person.id === request.b);
  if (!a || !b || a.id === b.id)
    throw refused('both people must be two different members of the rotation', {
      a: request.a,
      b: request.b,
    });
  if (a.siteId !== b.siteId)
    throw refused('only people of the same site can swap days', { a: a.id, b: b.id });
  const site = sites.find((candidate) => candidate.id === a.siteId);
  const onSite = site?.kind === 'store' ? 'store' : 'office';

  let nextA: PlannedPerson;
  let nextB: PlannedPerson;
  if (request.date !== undefined) {
    const index = dates.indexOf(request.date);
    const dayA = a.days[index];
    const dayB = b.days[index];
    if (index < 0 || !dayA || !dayB)
      throw refused('the date is outside the rotation', { date: request.date });
    if (dayA.place === 'off' || dayB.place === 'off')
      throw refused('both people must work that day; an absence or day off cannot be swapped', {
        date: request.date,
      });
    const replace = (person: PlannedPerson, day: typeof dayA) => ({
      ...person,
      days: person.days.map((existing, position) =>
        position === index ? { ...day, date: existing.date } : existing,
      ),
    });
    nextA = replace(a, dayB);
    nextB = replace(b, dayA);
  } else {
    // Whole rotation: each takes the other's cohort. On-site days follow the cohort's duty days,
    // read from anyone of that cohort who is on site that day.
    const dutyOf = (cohort: string, index: number) =>
      people.some((person) => person.days[index]?.cohort === cohort && person.days[index]?.place === onSite);
    const retake = (person: PlannedPerson, cohort: string): PlannedPerson => ({
      ...person,
      cohortId: cohort,
      days: person.days.map((day, index) =>
        day.place === 'off' ? day : { ...day, cohort, place: dutyOf(cohort, index) ? onSite : 'home' },
      ),
    });
    nextA = retake(a, b.cohortId);
    nextB = retake(b, a.cohortId);
  }

  const next = people.map((person) => (person.id === a.id ? nextA : person.id === b.id ? nextB : person));
  const before = conflictCounts(sites, people, [...dates]);
  const after = conflictCounts(sites, next, [...dates]);
  for (const [kind, count] of after) {
    if (count > (before.get(kind) ?? 0))
      throw refused(`the swap would break a rule: ${kind.replace(/_/g, ' ')}`, { rule: kind });
  }
  return next;
}
