/**
 * A swap request (issue 7): a member of a published rotation asks to exchange days with a
 * colleague of the same rotation — one day, or the whole rotation — and a manager who may manage
 * the rotation decides. Pure rules: whether the swap is possible now (the same checks as a
 * manager's swap of a draft, `swapDays`, run as a dry run), the request's transitions, and who is
 * asked to decide. No clock, no storage: `today` and the people are given.
 */
import { hasRole, type Person } from '../directory/people.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { DomainError, isDomainError } from '../shared/errors.js';
import type { ConflictKind, PlannedPerson, RotationPlace, RotationSite } from './rotation-plan.js';
import { swapDays } from './swap-days.js';

export const SWAP_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type SwapRequestStatus = (typeof SWAP_REQUEST_STATUSES)[number];

export interface RotationSwapRequest {
  id: string;
  rotationId: string;
  requesterAadObjectId: string;
  partnerAadObjectId: string;
  /** One day; null = the whole rotation (from the day of the decision on). */
  date: CalendarDate | null;
  reason: string | null;
  /** Who was asked to decide (the cards went to them); anyone allowed to manage the rotation may. */
  approverAadObjectIds: string[];
  status: SwapRequestStatus;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The manager's comment on a rejection; it reaches the requester. */
  comment: string | null;
  /** Optimistic concurrency: of two decisions (two managers, a double click) one is written. */
  version: number;
}

/** Why a swap cannot be asked for or approved: stable codes that the edges word. */
export const SWAP_REFUSALS = [
  'self',
  'partner_not_member',
  'other_site',
  'date_outside',
  'date_past',
  'rotation_over',
  'not_work_day',
  'nothing_to_swap',
  'rule',
  'no_approver',
] as const;
export type SwapRefusal = (typeof SWAP_REFUSALS)[number];

export function swapRefused(
  reason: SwapRefusal,
  message: string,
  details: { date?: CalendarDate; rule?: ConflictKind } = {},
): DomainError {
  return new DomainError('rotation.swap_refused', message, { reason, ...details });
}

/** One day that the swap changes for one of the two people. */
export interface SwapChange {
  aadObjectId: string;
  date: CalendarDate;
  before: RotationPlace;
  after: RotationPlace;
}

export interface SwapOutcome {
  /** Both people's plans after the swap (their whole horizon; days before today unchanged). */
  people: [PlannedPerson, PlannedPerson];
  /** The days whose place changes, in date order. */
  changes: SwapChange[];
}

/**
 * The swap as it would apply today, or a `rotation.swap_refused` error saying why not. Only days
 * from `today` on change: what is past happened as planned. The swap of the window is checked by
 * `swapDays` (cap, mixed cohorts, store minimum staff, critical person), so a request can never
 * make the rotation worse than a manager's own swap could.
 */
export function evaluateSwap(input: {
  site: RotationSite;
  people: readonly PlannedPerson[];
  dates: readonly CalendarDate[];
  requester: string;
  partner: string;
  date: CalendarDate | null;
  today: CalendarDate;
}): SwapOutcome {
  const { people, dates, today } = input;
  if (input.requester === input.partner) throw swapRefused('self', 'a swap needs two different people');
  const a = people.find((person) => person.id === input.requester);
  const b = people.find((person) => person.id === input.partner);
  if (!a || !b) throw swapRefused('partner_not_member', 'both people must be members of the rotation');
  if (a.siteId !== b.siteId) throw swapRefused('other_site', 'only people of the same site can swap days');
  if (input.date !== null) {
    if (!dates.includes(input.date))
      throw swapRefused('date_outside', 'the date is outside the rotation', { date: input.date });
    if (input.date < today) throw swapRefused('date_past', 'the date is past', { date: input.date });
  }
  const first = dates.findIndex((date) => date >= today);
  if (first < 0) throw swapRefused('rotation_over', 'the rotation is over');
  const window = dates.slice(first);
  const windowOf = (person: PlannedPerson): PlannedPerson => ({ ...person, days: person.days.slice(first) });

  let swapped: PlannedPerson[];
  try {
    swapped = swapDays(
      [input.site],
      people.map(windowOf),
      window,
      input.date === null ? { a: a.id, b: b.id } : { a: a.id, b: b.id, date: input.date },
    );
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'rotation.infeasible') throw error;
    const rule = error.details.rule as ConflictKind | undefined;
    if (rule) throw swapRefused('rule', error.message, { rule });
    // swapDays' other refusal with a date: one of the two does not work that day.
    if (input.date !== null)
      throw swapRefused('not_work_day', 'both people must work that day', { date: input.date });
    throw swapRefused('partner_not_member', error.message);
  }

  const rejoin = (before: PlannedPerson): PlannedPerson => {
    const after = swapped.find((person) => person.id === before.id)!;
    return { ...after, days: [...before.days.slice(0, first), ...after.days] };
  };
  const nextA = rejoin(a);
  const nextB = rejoin(b);
  const changes: SwapChange[] = [];
  for (const [before, after] of [
    [a, nextA],
    [b, nextB],
  ] as const) {
    before.days.forEach((day, index) => {
      const next = after.days[index];
      if (next && (next.place !== day.place || next.cohort !== day.cohort))
        changes.push({ aadObjectId: before.id, date: day.date, before: day.place, after: next.place });
    });
  }
  if (changes.length === 0) throw swapRefused('nothing_to_swap', 'the swap would change nothing');
  changes.sort((x, y) => x.date.localeCompare(y.date) || (x.aadObjectId === a.id ? -1 : 1));
  return { people: [nextA, nextB], changes };
}

export type SwapDecision = 'approve' | 'reject';

/**
 * The request after a manager's decision. The same decision again (a double click, a second
 * manager agreeing) changes nothing: null. A request already decided otherwise, or withdrawn,
 * is closed.
 */
export function decideSwapRequest(
  request: RotationSwapRequest,
  decision: { kind: SwapDecision; by: string; at: string; comment: string | null },
): RotationSwapRequest | null {
  const status: SwapRequestStatus = decision.kind === 'approve' ? 'approved' : 'rejected';
  if (request.status === status) return null;
  if (request.status !== 'pending') throw closed(request);
  return {
    ...request,
    status,
    decidedBy: decision.by,
    decidedAt: decision.at,
    comment: decision.comment?.trim() || null,
    version: request.version + 1,
  };
}

/** The requester takes a pending request back; taking it back twice changes nothing. */
export function withdrawSwapRequest(
  request: RotationSwapRequest,
  withdrawal: { at: string },
): RotationSwapRequest | null {
  if (request.status === 'withdrawn') return null;
  if (request.status !== 'pending') throw closed(request);
  return { ...request, status: 'withdrawn', decidedAt: withdrawal.at, version: request.version + 1 };
}

function closed(request: RotationSwapRequest): DomainError {
  return new DomainError('rotation.swap_closed', `this request is ${request.status} already`, {
    requestId: request.id,
    status: request.status,
  });
}

/**
 * Who is asked to decide. The requester's own manager knows the person and the team's needs, so
 * the card goes to them when they may manage this rotation; failing that, to the nearest manager
 * further up the chain who may (a store's area manager). When nobody in the chain may (the chain
 * works at another site, or the rotation is another team's), it goes to every manager who may
 * manage the rotation — one card each, the first decision counts — and when there is none, to HR
 * (then admins). The two people of the swap never decide on it.
 */
export function chooseApprovers(input: {
  requester: Person;
  partner: Pick<Person, 'aadObjectId'>;
  /** The requester's managers, nearest first (their directory manager, then that one's, …). */
  chain: readonly Person[];
  /** Whether a person may manage the rotation (policy 'rotation.manage' with its scope). */
  mayManage: (person: Person) => boolean;
  /** Active people to fall back on. */
  everyone: readonly Person[];
}): string[] {
  const parties = new Set([input.requester.aadObjectId, input.partner.aadObjectId]);
  const eligible = (person: Person) => person.active && !parties.has(person.aadObjectId);
  const inChain = input.chain.find((manager) => eligible(manager) && input.mayManage(manager));
  if (inChain) return [inChain.aadObjectId];
  const managers = input.everyone.filter(
    (person) => eligible(person) && hasRole(person, 'manager') && input.mayManage(person),
  );
  if (managers.length > 0) return managers.map((person) => person.aadObjectId).sort();
  const hr = input.everyone.filter((person) => eligible(person) && hasRole(person, 'hr'));
  const fallback =
    hr.length > 0 ? hr : input.everyone.filter((person) => eligible(person) && hasRole(person, 'admin'));
  return fallback.map((person) => person.aadObjectId).sort();
}
