/**
 * The support use cases: open a ticket from chat, the agents' actions on the queue card, the queue
 * registry, and the lists for the tab. Each runs in one transaction, and what it tells people (the
 * queue card, the requester's notice, the admins' warning) is queued through the outbox in that
 * same transaction: a ticket is never saved without its notices, nor a notice sent for a change
 * that rolled back. What the notices say is rendered by the edge (`SupportRenderer`).
 */
import type { AuditRepository } from '../audit/audit-trail.js';
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
import { TICKET_WEBHOOK_RECIPIENT, ticketWebhookEvent } from './ticket-webhook.js';
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
  /** Every agent action on a ticket is audited (issue 5): who, when, status and assignee before/after. */
  audit: Pick<AuditRepository, 'append'>;
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
  /** The first answer is overdue: to the ticket's queue (in its language) and to each admin. */
  escalationNotice(view: TicketView, locale: string): OutboundPayload;
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
  /**
   * The requester (or whoever reported it for them) takes a ticket back; the queue is told with
   * the card as it is now. Same outcomes as an agent's action.
   */
  withdraw(request: {
    ticketId: string;
    expectedVersion: number;
    actorAadObjectId: string;
  }): Promise<AgentOutcome | null>;
  /**
   * Tells the queue and the admins about every new ticket whose first answer is overdue, once per
   * ticket whatever the number of instances running it; returns the tickets escalated now.
   */
  escalateOverdue(options?: { limit?: number }): Promise<Ticket[]>;
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
    /** Queue every new ticket and change for the outbound webhook (CREWDESK_TICKET_WEBHOOK_URL). */
    webhook?: boolean;
  },
): SupportService {
  const { clock, newId, renderer } = options;

  /** The webhook's copy of a change, queued with the change itself: a rollback takes both. */
  async function queueWebhook(
    repositories: Pick<SupportRepositories, 'directory' | 'outbound'>,
    ticket: Ticket,
    change: TicketEvent | { action: 'escalated'; at: string },
  ): Promise<void> {
    if (!options.webhook) return;
    const view = await viewOf(repositories.directory, ticket);
    const body = ticketWebhookEvent(ticket, change, {
      siteName: view.siteName,
      assigneeName: view.assigneeName,
    });
    await createOutbox({ outbound: repositories.outbound, clock, newId }).send({
      recipientKey: TICKET_WEBHOOK_RECIPIENT,
      idempotencyKey: `webhook:${body.id}`,
      category: 'webhook',
      payload: { kind: 'webhook', body: body as unknown as Record<string, unknown> },
      locale: 'en',
    });
  }

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

        await queueWebhook({ directory, outbound }, ticket, event);
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
      return ports.transaction(async ({ support, directory, outbound, audit }) => {
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
          // What changed, not what was said: a reply's text is the requester's private matter.
          const stateOf = (of: Ticket) => ({
            status: of.status,
            assignee: of.assigneeAadObjectId,
            version: of.version,
          });
          await audit.append([
            {
              id: newId(),
              at: event.at,
              actor: actor.aadObjectId,
              action: 'ticket.change',
              subject: `ticket:${changed.id}`,
              personAadObjectId: changed.requesterAadObjectId,
              before: stateOf(ticket),
              after: { ...stateOf(changed), action: event.action },
              reason: null,
            },
          ]);
          await createOutbox({ outbound, clock, newId }).send({
            recipientKey: personRecipient(changed.requesterAadObjectId),
            idempotencyKey: `ticket:${changed.id}:v${changed.version}:requester`,
            category: 'ticket',
            payload: renderer.requesterNotice(changed, event, actor.displayName),
            locale: changed.requesterLocale,
          });
          await queueWebhook({ directory, outbound }, changed, event);
          return { outcome: 'done', ticket: changed };
        } catch (error) {
          if (error instanceof DomainError && error.details.reason === 'ticket.transition')
            return { outcome: 'not_allowed_now', ticket };
          throw error;
        }
      });
    },

    async withdraw(request) {
      return ports.transaction(async ({ support, directory, outbound, audit }) => {
        const ticket = await support.findTicket(request.ticketId);
        if (!ticket) return null;
        const own =
          ticket.requesterAadObjectId === request.actorAadObjectId ||
          ticket.reporterAadObjectId === request.actorAadObjectId;
        if (!own) return { outcome: 'forbidden', ticket };
        if (ticket.version !== request.expectedVersion) return { outcome: 'conflict', ticket };
        if (!isOpen(ticket)) return { outcome: 'not_allowed_now', ticket };
        const at = clock.now().toISOString();
        const { ticket: changed, event } = applyAction(ticket, {
          action: 'withdrawn',
          actorAadObjectId: request.actorAadObjectId,
          at,
        });
        if (!(await support.updateTicket(changed, ticket.version, event))) {
          return { outcome: 'conflict', ticket: (await support.findTicket(ticket.id)) ?? ticket };
        }
        await audit.append([
          {
            id: newId(),
            at,
            actor: request.actorAadObjectId,
            action: 'ticket.change',
            subject: `ticket:${changed.id}`,
            personAadObjectId: changed.requesterAadObjectId,
            before: { status: ticket.status, assignee: ticket.assigneeAadObjectId, version: ticket.version },
            after: {
              status: changed.status,
              assignee: changed.assigneeAadObjectId,
              version: changed.version,
              action: 'withdrawn',
            },
            reason: null,
          },
        ]);
        await queueWebhook({ directory, outbound }, changed, event);
        const queue = (await support.listQueues()).find(
          (entry) => entry.conversationId === changed.queueConversationId,
        );
        if (queue) {
          await createOutbox({ outbound, clock, newId }).send({
            recipientKey: conversationRecipient(queue.conversationId),
            idempotencyKey: `ticket:${changed.id}:v${changed.version}:queue`,
            category: 'ticket',
            payload: renderer.queueCard(await viewOf(directory, changed), queue.locale),
            locale: queue.locale,
          });
        }
        return { outcome: 'done', ticket: changed };
      });
    },

    async escalateOverdue({ limit = 100 } = {}) {
      const now = clock.now().toISOString();
      const overdue = await ports.support.listOverdue(now, limit);
      const escalated: Ticket[] = [];
      for (const candidate of overdue) {
        const done = await ports.transaction(async ({ support, directory, outbound, audit }) => {
          if (!(await support.markEscalated(candidate.id, now))) return false;
          const ticket = { ...candidate, escalatedAt: now };
          await queueWebhook({ directory, outbound }, ticket, { action: 'escalated', at: now });
          const view = await viewOf(directory, ticket);
          const outbox = createOutbox({ outbound, clock, newId });
          const queues = await support.listQueues();
          const queue = queues.find((entry) => entry.conversationId === ticket.queueConversationId);
          if (queue) {
            await outbox.send({
              recipientKey: conversationRecipient(queue.conversationId),
              idempotencyKey: `ticket:${ticket.id}:escalated:queue`,
              category: 'ticket',
              payload: renderer.escalationNotice(view, queue.locale),
              locale: queue.locale,
            });
          }
          const admins = (await directory.listPeople()).filter((person) => hasRole(person, 'admin'));
          for (const admin of admins) {
            await outbox.send({
              recipientKey: personRecipient(admin.aadObjectId),
              idempotencyKey: `ticket:${ticket.id}:escalated:${admin.aadObjectId}`,
              category: 'ticket',
              payload: renderer.escalationNotice(view, admin.locale),
              locale: admin.locale,
            });
          }
          await audit.append([
            {
              id: newId(),
              at: now,
              actor: 'system',
              action: 'ticket.change',
              subject: `ticket:${ticket.id}`,
              personAadObjectId: ticket.requesterAadObjectId,
              before: { status: ticket.status, escalatedAt: null },
              after: {
                status: ticket.status,
                escalatedAt: now,
                action: 'escalated',
                firstAnswerDueAt: ticket.firstAnswerDueAt,
              },
              reason: null,
            },
          ]);
          return true;
        });
        if (done) escalated.push({ ...candidate, escalatedAt: now });
      }
      return escalated;
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
