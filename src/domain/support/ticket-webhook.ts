/**
 * What the optional ticket webhook (CREWDESK_TICKET_WEBHOOK_URL) receives for every new ticket and
 * every change: one JSON document per event, shaped so that a help desk maps it without thinking —
 * subject and description, a requester with a name, priorities named as Zendesk names them, and
 * the status as both Zendesk and ServiceNow count it.
 */
import { ticketNumberLabel, type Ticket, type TicketEvent, type TicketStatus } from './ticket.js';

/** Where webhook events wait in the outbound queue: one recipient, delivered in order of creation. */
export const TICKET_WEBHOOK_RECIPIENT = 'webhook:tickets';

const ZENDESK_STATUS: Record<TicketStatus, string> = {
  new: 'new',
  assigned: 'open',
  waiting: 'pending',
  resolved: 'solved',
  withdrawn: 'closed',
};

/** ServiceNow incident states: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 8 Canceled. */
const SERVICENOW_STATE: Record<TicketStatus, number> = {
  new: 1,
  assigned: 2,
  waiting: 3,
  resolved: 6,
  withdrawn: 8,
};

export interface TicketWebhookEvent {
  /** Unique per event: receivers drop a redelivery with the same id. */
  id: string;
  type: 'ticket.created' | 'ticket.updated' | 'ticket.escalated';
  occurredAt: string;
  ticket: Record<string, unknown>;
  change: { action: string; actorAadObjectId: string; at: string; note: string | null } | null;
}

export function ticketWebhookEvent(
  ticket: Ticket,
  change: TicketEvent | { action: 'escalated'; at: string },
  names: { siteName: string | null; assigneeName: string | null },
): TicketWebhookEvent {
  const reference = ticketNumberLabel(ticket.number);
  const triage = Object.entries(ticket.triage)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([field, value]) => `${field}: ${String(value)}`);
  const type =
    change.action === 'opened'
      ? 'ticket.created'
      : change.action === 'escalated'
        ? 'ticket.escalated'
        : 'ticket.updated';
  return {
    id: `${ticket.id}:v${ticket.version}${change.action === 'escalated' ? ':escalated' : ''}`,
    type,
    occurredAt: change.at,
    ticket: {
      id: ticket.id,
      reference,
      externalId: reference,
      category: ticket.category,
      problem: ticket.problem,
      subject: `${reference} ${ticket.summary}`.slice(0, 250),
      description: [ticket.summary, ...triage].join('\n'),
      status: ticket.status,
      statusZendesk: ZENDESK_STATUS[ticket.status],
      stateServiceNow: SERVICENOW_STATE[ticket.status],
      priority: ticket.priority,
      requester: {
        id: ticket.requesterAadObjectId,
        name: ticket.requesterName,
        locale: ticket.requesterLocale,
      },
      reporterId: ticket.reporterAadObjectId,
      assignee: ticket.assigneeAadObjectId
        ? { id: ticket.assigneeAadObjectId, name: names.assigneeName }
        : null,
      site: ticket.siteId ? { id: ticket.siteId, name: names.siteName, canton: ticket.canton } : null,
      triage: ticket.triage,
      createdAt: ticket.createdAt,
      updatedAt: ticket.updatedAt,
      firstAnswerDueAt: ticket.firstAnswerDueAt,
      firstAnsweredAt: ticket.firstAnsweredAt,
      resolvedAt: ticket.resolvedAt,
      version: ticket.version,
    },
    change:
      'actorAadObjectId' in change
        ? {
            action: change.action,
            actorAadObjectId: change.actorAadObjectId,
            at: change.at,
            note: change.note,
          }
        : null,
  };
}
