/**
 * The support use cases: open a ticket from chat, the agents' actions on the queue card, the queue
 * registry, and the lists for the tab. Each runs in one transaction, and what it tells people (the
 * queue card, the requester's notice, the admins' warning) is queued through the outbox in that
 * same transaction: a ticket is never saved without its notices, nor a notice sent for a change
 * that rolled back. What the notices say is rendered by the edge (`SupportRenderer`).
 */
import { managesPerson } from '../directory/authority.js';
import type { DirectoryRepository } from '../directory/directory-ports.js';
import { hasRole, type Person } from '../directory/people.js';
import { authorise, isAllowed } from '../directory/policy.js';
import {
  conversationRecipient,
  createOutbox,
  personRecipient,
  type OutboundPayload,
  type OutboundRepository,
} from '../proactive/outbound-message.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { routeTicket } from './routing.js';
import { firstAnswerDue, type SlaPolicy } from './sla.js';
import type { QueueCategory, SupportQueue, SupportRepository, TicketFilter } from './support-ports.js';
import {
  applyAction,
  isOpen,
  priorityOf,
  type AgentAction,
  type ProblemKind,
  type Ticket,
  type TicketEvent,
  type Triage,
} from './ticket.js';

export interface SupportRepositories {
  support: SupportRepository;
  directory: Pick<DirectoryRepository, 'findPerson' | 'findSite' | 'listPeople'>;
  outbound: Pick<OutboundRepository, 'enqueue'>;
}

export interface SupportPorts extends SupportRepositories {
  transaction<T>(work: (repositories: SupportRepositories) => Promise<T>): Promise<T>;
}

/** A ticket with the names a card shows beside it. */
export interface TicketView {
  ticket: Ticket;
  reporterName: string;
  assigneeName: string | null;
  siteName: string | null;
}

/** The words of every message support sends; the Teams edge renders them as cards. */
export interface SupportRenderer {
  queueCard(view: TicketView, locale: string): OutboundPayload;
  requesterNotice(ticket: Ticket, event: TicketEvent, actorName: string): OutboundPayload;
  unroutedNotice(ticket: Ticket, locale: string): OutboundPayload;
}

/** The names of the people and the site a ticket card shows. */
export async function viewOf(
  directory: Pick<DirectoryRepository, 'findPerson' | 'findSite'>,
  ticket: Ticket,
): Promise<TicketView> {
  const [reporter, assignee, site] = await Promise.all([
    directory.findPerson(ticket.reporterAadObjectId),
    ticket.assigneeAadObjectId ? directory.findPerson(ticket.assigneeAadObjectId) : null,
    ticket.siteId ? directory.findSite(ticket.siteId) : null,
  ]);
  return {
    ticket,
    reporterName: reporter?.displayName ?? ticket.requesterName,
    assigneeName: assignee?.displayName ?? ticket.assigneeAadObjectId,
    siteName: site?.name ?? ticket.siteId,
  };
}

export interface OpenTicketRequest {
  actor: { aadObjectId: string; displayName: string; locale: string };
  /** The staff member a manager reports for; the actor themself when absent. */
  subjectAadObjectId?: string;
  problem: ProblemKind;
  summary: string;
  triage: Triage;
  personRequested: boolean;
  /** The form's request id or the message's activity id: the same source opens one ticket. */
  sourceKey: string;
}

export type AgentOutcome =
  | { outcome: 'done'; ticket: Ticket }
  /** Someone else changed the ticket since the card was shown: here is its current state. */
  | { outcome: 'conflict'; ticket: Ticket }
  | { outcome: 'forbidden'; ticket: Ticket }
  | { outcome: 'not_allowed_now'; ticket: Ticket };

export interface SupportService {
  openTicket(request: OpenTicketRequest): Promise<{ ticket: Ticket; created: boolean }>;
  findTicket(id: string): Promise<Ticket | null>;
  act(request: {
    ticketId: string;
    expectedVersion: number;
    action: AgentAction;
    actorAadObjectId: string;
    note?: string | null;
  }): Promise<AgentOutcome | null>;
  /** `off` unregisters the channel; only IT agents and admins may do either. */
  registerQueue(request: {
    actorAadObjectId: string;
    conversationId: string;
    category: QueueCategory | 'off';
    locale: string;
  }): Promise<{ removed: number } | { registered: SupportQueue }>;
  listTickets(actorAadObjectId: string, filter: TicketFilter): Promise<Ticket[]>;
  listOwnRequests(actorAadObjectId: string, options: { openOnly: boolean; limit: number }): Promise<Ticket[]>;
}

const MAX_SUMMARY = 500;

export function createSupportService(
  ports: SupportPorts,
  options: {
    clock: Clock;
    newId: () => string;
    timeZone: string;
    sla?: SlaPolicy;
    renderer: SupportRenderer;
  },
): SupportService {
  const { clock, newId, renderer } = options;

  async function actorOf(directory: SupportRepositories['directory'], aadObjectId: string): Promise<Person> {
    const person = await directory.findPerson(aadObjectId);
    if (!person) throw new DomainError('auth.forbidden', 'you are not in the Crewdesk directory yet');
    return person;
  }

  return {
    async openTicket(request) {
      return ports.transaction(async ({ support, directory, outbound }) => {
        const existing = await support.findTicketBySourceKey(request.sourceKey);
        if (existing) return { ticket: existing, created: false };

        const subjectId = request.subjectAadObjectId ?? request.actor.aadObjectId;
        const subject: Person | null = await directory.findPerson(subjectId);
        if (subjectId !== request.actor.aadObjectId) {
          const actor = await actorOf(directory, request.actor.aadObjectId);
          const allowed =
            subject !== null &&
            (hasRole(actor, 'admin') ||
              hasRole(actor, 'it') ||
              (await managesPerson(directory, actor, subject)));
          if (!allowed)
            throw new DomainError('auth.forbidden', 'you may report only for the people you manage', {
              action: 'tickets.report_for',
            });
        }
        const site = subject?.siteId ? await directory.findSite(subject.siteId) : null;
        const now = clock.now();
        const at = now.toISOString();
        const priority = priorityOf(request.problem, request.triage.impact);
        const queue = routeTicket('connectivity', await support.listQueues());
        const ticket: Ticket = {
          id: newId(),
          number: await support.nextTicketNumber(),
          category: 'connectivity',
          problem: request.problem,
          summary: request.summary.trim().slice(0, MAX_SUMMARY),
          requesterAadObjectId: subjectId,
          requesterName: subject?.displayName ?? request.actor.displayName,
          requesterLocale: subject?.locale ?? request.actor.locale,
          reporterAadObjectId: request.actor.aadObjectId,
          siteId: subject?.siteId ?? null,
          canton: site?.canton ?? null,
          triage: request.triage,
          priority,
          status: 'new',
          assigneeAadObjectId: null,
          queueConversationId: queue?.conversationId ?? null,
          personRequested: request.personRequested,
          createdAt: at,
          updatedAt: at,
          firstAnswerDueAt: firstAnswerDue(now, priority, {
            canton: site?.canton ?? null,
            timeZone: options.timeZone,
            ...(options.sla ? { policy: options.sla } : {}),
          }).toISOString(),
          firstAnsweredAt: null,
          resolvedAt: null,
          version: 1,
          sourceKey: request.sourceKey,
        };
        const event: TicketEvent = {
          ticketId: ticket.id,
          version: 1,
          action: 'opened',
          actorAadObjectId: request.actor.aadObjectId,
          at,
          note: request.personRequested ? 'person requested' : null,
        };
        if (!(await support.insertTicket(ticket, event))) {
          const winner = await support.findTicketBySourceKey(request.sourceKey);
          if (winner) return { ticket: winner, created: false };
          throw new DomainError('storage.conflict', 'the ticket could not be saved', {}, 'system');
        }

        const outbox = createOutbox({ outbound, clock, newId });
        if (queue) {
          await outbox.send({
            recipientKey: conversationRecipient(queue.conversationId),
            idempotencyKey: `ticket:${ticket.id}:queue`,
            category: 'ticket',
            payload: renderer.queueCard(
              {
                ticket,
                reporterName: request.actor.displayName,
                assigneeName: null,
                siteName: site?.name ?? null,
              },
              queue.locale,
            ),
            locale: queue.locale,
          });
        } else {
          const admins = (await directory.listPeople()).filter((person) => hasRole(person, 'admin'));
          for (const admin of admins) {
            await outbox.send({
              recipientKey: personRecipient(admin.aadObjectId),
              idempotencyKey: `ticket:${ticket.id}:unrouted:${admin.aadObjectId}`,
              category: 'notice',
              payload: renderer.unroutedNotice(ticket, admin.locale),
              locale: admin.locale,
            });
          }
        }
        if (ticket.reporterAadObjectId !== ticket.requesterAadObjectId) {
          await outbox.send({
            recipientKey: personRecipient(ticket.requesterAadObjectId),
            idempotencyKey: `ticket:${ticket.id}:v1:requester`,
            category: 'ticket',
            payload: renderer.requesterNotice(ticket, event, request.actor.displayName),
            locale: ticket.requesterLocale,
          });
        }
        return { ticket, created: true };
      });
    },

    findTicket: (id) => ports.support.findTicket(id),

    async act(request) {
      return ports.transaction(async ({ support, directory, outbound }) => {
        const ticket = await support.findTicket(request.ticketId);
        if (!ticket) return null;
        const actor = await directory.findPerson(request.actorAadObjectId);
        if (!actor || !(await isAllowed(directory, actor, 'tickets.work')))
          return { outcome: 'forbidden', ticket };
        if (ticket.version !== request.expectedVersion) return { outcome: 'conflict', ticket };
        // "Assign to me" on a ticket someone else holds is a conflict too: the card was stale.
        if (request.action === 'assigned' && ticket.assigneeAadObjectId === actor.aadObjectId)
          return { outcome: 'done', ticket };
        try {
          const { ticket: changed, event } = applyAction(ticket, {
            action: request.action,
            actorAadObjectId: actor.aadObjectId,
            at: clock.now().toISOString(),
            note: request.note ?? null,
          });
          if (!(await support.updateTicket(changed, ticket.version, event))) {
            const current = await support.findTicket(ticket.id);
            return { outcome: 'conflict', ticket: current ?? ticket };
          }
          await createOutbox({ outbound, clock, newId }).send({
            recipientKey: personRecipient(changed.requesterAadObjectId),
            idempotencyKey: `ticket:${changed.id}:v${changed.version}:requester`,
            category: 'ticket',
            payload: renderer.requesterNotice(changed, event, actor.displayName),
            locale: changed.requesterLocale,
          });
          // TODO(issue 6, webhook): queue the outbound ticket webhook event here (CREWDESK_TICKET_WEBHOOK_URL).
          return { outcome: 'done', ticket: changed };
        } catch (error) {
          if (error instanceof DomainError && error.details.reason === 'ticket.transition')
            return { outcome: 'not_allowed_now', ticket };
          throw error;
        }
      });
    },

    async registerQueue(request) {
      return ports.transaction(async ({ support, directory }) => {
        const actor = await actorOf(directory, request.actorAadObjectId);
        await authorise(directory, actor, 'tickets.work');
        if (request.category === 'off')
          return { removed: await support.removeQueues(request.conversationId) };
        const queue: SupportQueue = {
          conversationId: request.conversationId,
          category: request.category,
          registeredBy: actor.aadObjectId,
          registeredAt: clock.now().toISOString(),
          locale: request.locale,
        };
        await support.saveQueue(queue);
        return { registered: queue };
      });
    },

    async listTickets(actorAadObjectId, filter) {
      const actor = await actorOf(ports.directory, actorAadObjectId);
      await authorise(ports.directory, actor, 'tickets.read');
      return ports.support.listTickets(filter);
    },

    async listOwnRequests(actorAadObjectId, { openOnly, limit }) {
      const tickets = await ports.support.listTickets({ requesterAadObjectId: actorAadObjectId, limit });
      return openOnly ? tickets.filter(isOpen) : tickets;
    },
  };
}
