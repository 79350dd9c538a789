/**
 * A support ticket (design: "report connectivity problems", "routed to IT"). Pure rules: the
 * ticket's shape, its priority, and which change each action makes. Every change appends an event
 * (who, when, what) and bumps `version`, the optimistic-concurrency check of the store: two agents
 * clicking "Assign to me" at once both start from version n, only one write of n+1 succeeds.
 */
import { DomainError } from '../shared/errors.js';

export const PROBLEM_KINDS = [
  'no_home_internet',
  'vpn_blocked',
  'vpn_token',
  'slow_connection',
  'no_mobile_coverage',
  'other',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const TICKET_CATEGORIES = ['connectivity', 'equipment'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_STATUSES = ['new', 'assigned', 'waiting', 'resolved', 'withdrawn'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const IMPACTS = ['cant_work', 'degraded'] as const;
export type Impact = (typeof IMPACTS)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CONNECTION_TYPES = ['fibre', 'dsl', 'cable', 'mobile', 'satellite', 'unknown'] as const;
export const HOTSPOT_ANSWERS = ['yes', 'no', 'untested'] as const;

/** What IT needs to know; every field is optional, the card asks only for these. */
export interface Triage {
  deviceOs?: string;
  connectionType?: (typeof CONNECTION_TYPES)[number];
  provider?: string;
  router?: string;
  country?: string;
  postcode?: string;
  exactError?: string;
  hotspotWorks?: (typeof HOTSPOT_ANSWERS)[number];
  speedTest?: string;
  alreadyTried?: string;
  impact?: Impact;
}

export interface Ticket {
  id: string;
  /** CD-000123: what people say on the phone. */
  number: number;
  category: TicketCategory;
  problem: ProblemKind;
  /** The person's own words. */
  summary: string;
  requesterAadObjectId: string;
  requesterName: string;
  /** The directory language of the requester: notices are sent in it. */
  requesterLocale: string;
  /** Who reported it: the requester, or a store manager for a staff member without a connection. */
  reporterAadObjectId: string;
  siteId: string | null;
  /** The canton whose work days and holidays define business hours. */
  canton: string | null;
  triage: Triage;
  priority: Priority;
  status: TicketStatus;
  assigneeAadObjectId: string | null;
  /** The channel conversation of the queue that got it; null = unrouted. */
  queueConversationId: string | null;
  personRequested: boolean;
  createdAt: string;
  updatedAt: string;
  /** The SLA: first answer expected by then. */
  firstAnswerDueAt: string;
  firstAnsweredAt: string | null;
  resolvedAt: string | null;
  version: number;
  /** Where the ticket came from (a form's request id): a double-clicked submit opens one ticket. */
  sourceKey: string;
  /** When the first-answer SLA lapsed unanswered and the queue and admins were told. */
  escalatedAt?: string | null;
}

export const TICKET_ACTIONS = [
  'opened',
  'assigned',
  'replied',
  'waiting',
  'resolved',
  'reopened',
  'withdrawn',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** One line of a ticket's append-only history. */
export interface TicketEvent {
  ticketId: string;
  /** The ticket's version this event produced. */
  version: number;
  action: TicketAction;
  actorAadObjectId: string;
  at: string;
  note: string | null;
}

export function ticketNumberLabel(number: number): string {
  return `CD-${String(number).padStart(6, '0')}`;
}

/**
 * Urgent = cannot work at all. Otherwise what blocks the work (no VPN, no token, no internet) is
 * high, a slow line or a missing mobile network normal; nothing said about the impact is normal.
 */
export function priorityOf(problem: ProblemKind, impact: Impact | undefined): Priority {
  if (impact === 'cant_work') return 'urgent';
  if (impact === undefined) return 'normal';
  if (problem === 'vpn_blocked' || problem === 'vpn_token' || problem === 'no_home_internet') return 'high';
  if (problem === 'other') return 'low';
  return 'normal';
}

/** Which actions an agent may take from which status; anything else is refused. */
const AGENT_TRANSITIONS: Record<Exclude<TicketAction, 'opened' | 'withdrawn'>, readonly TicketStatus[]> = {
  assigned: ['new', 'assigned', 'waiting'],
  replied: ['new', 'assigned', 'waiting'],
  waiting: ['new', 'assigned'],
  resolved: ['new', 'assigned', 'waiting'],
  reopened: ['resolved'],
};

export type AgentAction = keyof typeof AGENT_TRANSITIONS;

export function mayApply(ticket: Pick<Ticket, 'status'>, action: AgentAction | 'withdrawn'): boolean {
  if (action === 'withdrawn') return ticket.status !== 'resolved' && ticket.status !== 'withdrawn';
  return AGENT_TRANSITIONS[action].includes(ticket.status);
}

/** The ticket after `action`, and the event that records it. */
export function applyAction(
  ticket: Ticket,
  change: { action: AgentAction | 'withdrawn'; actorAadObjectId: string; at: string; note?: string | null },
): { ticket: Ticket; event: TicketEvent } {
  const { action, actorAadObjectId, at } = change;
  if (!mayApply(ticket, action)) {
    throw new DomainError('input.invalid', `a ${ticket.status} ticket cannot be ${action}`, {
      reason: 'ticket.transition',
      status: ticket.status,
      action,
    });
  }
  const next: Ticket = { ...ticket, updatedAt: at, version: ticket.version + 1 };
  switch (action) {
    case 'assigned':
      next.assigneeAadObjectId = actorAadObjectId;
      next.status = 'assigned';
      break;
    case 'replied':
      next.firstAnsweredAt ??= at;
      if (next.status === 'new') {
        next.status = 'assigned';
        next.assigneeAadObjectId ??= actorAadObjectId;
      }
      break;
    case 'waiting':
      next.status = 'waiting';
      next.firstAnsweredAt ??= at;
      break;
    case 'resolved':
      next.status = 'resolved';
      next.resolvedAt = at;
      next.firstAnsweredAt ??= at;
      break;
    case 'reopened':
      next.status = next.assigneeAadObjectId ? 'assigned' : 'new';
      next.resolvedAt = null;
      break;
    case 'withdrawn':
      next.status = 'withdrawn';
      break;
  }
  return {
    ticket: next,
    event: {
      ticketId: ticket.id,
      version: next.version,
      action,
      actorAadObjectId,
      at,
      note: change.note ?? null,
    },
  };
}

export function isOpen(ticket: Pick<Ticket, 'status'>): boolean {
  return ticket.status !== 'resolved' && ticket.status !== 'withdrawn';
}
