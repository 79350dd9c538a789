/**
 * The equipment use cases: a request from chat, the manager's decision, IT's fulfilment, the
 * requester's receipt and returns, and the lists for the tab. Each runs in one transaction, and
 * what it tells people (the approval card, the IT queue card, the requester's notices) is queued
 * through the outbox in that same transaction, as support does: a change is never saved without
 * its notices, nor a notice sent for a change that rolled back. The edge renders the notices
 * (`EquipmentRenderer`).
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
  type Outbox,
  type OutboundPayload,
  type OutboundRepository,
} from '../proactive/outbound-message.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { routeTicket } from '../support/routing.js';
import type { SupportRepository } from '../support/support-ports.js';
import { DEFAULT_CATALOGUE, offers, type EquipmentCatalogue, type EquipmentKind } from './catalogue.js';
import type { EquipmentRepository } from './equipment-ports.js';
import {
  applyChange,
  duplicatesOf,
  holdingOf,
  isOpen,
  needsLaptopFirst,
  type ChangeAction,
  type Delivery,
  type DuplicateFinding,
  type EquipmentEvent,
  type EquipmentRequest,
  type Fulfilment,
  type Holding,
} from './equipment-request.js';

export interface EquipmentRepositories {
  equipment: EquipmentRepository;
  directory: Pick<DirectoryRepository, 'findPerson' | 'findSite' | 'listPeople'>;
  outbound: Pick<OutboundRepository, 'enqueue'>;
  /** The IT queues are support's: `queue equipment` routes approved requests to a channel. */
  support: Pick<SupportRepository, 'listQueues'>;
  /** Every decision and fulfilment step is audited (issue 5): who, when, status before and after. */
  audit: Pick<AuditRepository, 'append'>;
}

export interface EquipmentPorts extends EquipmentRepositories {
  transaction<T>(work: (repositories: EquipmentRepositories) => Promise<T>): Promise<T>;
}

/** A request with the names its cards show beside it. */
export interface EquipmentView {
  request: EquipmentRequest;
  /** The delivery site's name, when delivered to a site. */
  siteName: string | null;
  approverName: string | null;
  deciderName: string | null;
}

/** The words of every message equipment sends; the Teams edge renders them as cards. */
export interface EquipmentRenderer {
  approvalCard(view: EquipmentView, locale: string): OutboundPayload;
  queueCard(view: EquipmentView, locale: string): OutboundPayload;
  requesterNotice(request: EquipmentRequest, event: EquipmentEvent, actorName: string): OutboundPayload;
  /** A short line for the IT queue: the requester withdrew or returned something. */
  queueNotice(
    request: EquipmentRequest,
    event: EquipmentEvent,
    actorName: string,
    locale: string,
  ): OutboundPayload;
  unroutedNotice(request: EquipmentRequest, locale: string): OutboundPayload;
}

export interface SubmitRequest {
  actor: { aadObjectId: string; displayName: string; locale: string };
  kind: EquipmentKind;
  details: string;
  reason: string;
  delivery: Delivery;
  /** The form's id: the same form submitted twice makes one request. */
  sourceKey: string;
  /** The requester saw that they already hold one (or have one pending) and still asks. */
  confirmDuplicate?: boolean;
  /** The requester accepted the laptop that VPN access needs: both are requested. */
  includeLaptop?: boolean;
}

export type SubmitOutcome =
  | { outcome: 'created'; requests: EquipmentRequest[]; approverName: string | null }
  /** This form was submitted already: the requests it made. */
  | { outcome: 'exists'; requests: EquipmentRequest[] }
  /** Already held or pending: pointed out; submitting again with `confirmDuplicate` goes on. */
  | { outcome: 'duplicate'; finding: DuplicateFinding }
  /** VPN access without a company laptop held or pending: propose the laptop too. */
  | { outcome: 'laptop_required' };

export type EquipmentOutcome =
  | { outcome: 'done'; request: EquipmentRequest }
  /** Someone else changed the request since the card was shown: here is its current state. */
  | { outcome: 'conflict'; request: EquipmentRequest }
  | { outcome: 'forbidden'; request: EquipmentRequest }
  | { outcome: 'not_allowed_now'; request: EquipmentRequest };

export interface ActRequest {
  requestId: string;
  expectedVersion: number;
  action: ChangeAction;
  actorAadObjectId: string;
  note?: string | null;
  fulfilment?: Fulfilment;
}

export interface EquipmentService {
  readonly catalogue: EquipmentCatalogue;
  submitRequest(request: SubmitRequest): Promise<SubmitOutcome>;
  act(request: ActRequest): Promise<EquipmentOutcome | null>;
  findRequest(id: string): Promise<EquipmentRequest | null>;
  view(request: EquipmentRequest): Promise<EquipmentView>;
  listOwnRequests(
    actorAadObjectId: string,
    options: { openOnly: boolean; limit: number },
  ): Promise<EquipmentRequest[]>;
  /** Who holds what: one person's (themself, or anyone's for IT and admins), or everybody's for IT. */
  holdings(
    actorAadObjectId: string,
    options: { personAadObjectId?: string; limit: number },
  ): Promise<Holding[]>;
}

const MAX_TEXT = 500;
const MAX_ADDRESS = 300;
/** More than anyone holds or asks for; bounds what a duplicate check reads. */
const OWN_REQUESTS_READ = 500;

export function createEquipmentService(
  ports: EquipmentPorts,
  options: { clock: Clock; newId: () => string; renderer: EquipmentRenderer; catalogue?: EquipmentCatalogue },
): EquipmentService {
  const { clock, newId, renderer } = options;
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;

  async function actorOf(
    directory: EquipmentRepositories['directory'],
    aadObjectId: string,
  ): Promise<Person> {
    const person = await directory.findPerson(aadObjectId);
    if (!person) throw new DomainError('auth.forbidden', 'you are not in the Crewdesk directory yet');
    return person;
  }

  async function viewOf(directory: EquipmentRepositories['directory'], request: EquipmentRequest) {
    const [site, approver, decider] = await Promise.all([
      request.delivery.kind === 'site' ? directory.findSite(request.delivery.siteId) : null,
      request.approverAadObjectId ? directory.findPerson(request.approverAadObjectId) : null,
      request.decidedBy ? directory.findPerson(request.decidedBy) : null,
    ]);
    return {
      request,
      siteName: site?.name ?? (request.delivery.kind === 'site' ? request.delivery.siteId : null),
      approverName: approver?.displayName ?? null,
      deciderName: decider?.displayName ?? request.decidedBy,
    };
  }

  /** The delivery as given, checked: a home address is written out, a site exists. */
  async function checkedDelivery(directory: EquipmentRepositories['directory'], delivery: Delivery) {
    if (delivery.kind === 'home') {
      const address = delivery.address.trim().slice(0, MAX_ADDRESS);
      if (address.length < 5)
        throw new DomainError('equipment.address_required', 'a delivery home needs the address');
      return { kind: 'home', address } as const;
    }
    if (!(await directory.findSite(delivery.siteId)))
      throw new DomainError('directory.unknown_site', `no site ${delivery.siteId}`, {
        siteId: delivery.siteId,
      });
    return delivery;
  }

  /**
   * Who may approve or reject: the requester's managers up the chain (the direct manager got the
   * card; a forwarded card acts for whoever clicks it, and does nothing for anyone else). A
   * requester without a manager in the directory is decided by an admin. Never the requester.
   */
  async function mayDecide(
    directory: EquipmentRepositories['directory'],
    actor: Person,
    request: EquipmentRequest,
  ) {
    if (actor.aadObjectId === request.requesterAadObjectId) return false;
    const requester = await directory.findPerson(request.requesterAadObjectId);
    if (!requester) return false;
    if (requester.managerAadObjectId) return managesPerson(directory, actor, requester);
    return hasRole(actor, 'admin');
  }

  async function mayAct(
    directory: EquipmentRepositories['directory'],
    actor: Person,
    request: EquipmentRequest,
    action: ChangeAction,
  ): Promise<boolean> {
    if (!actor.active) return false;
    const isRequester = actor.aadObjectId === request.requesterAadObjectId;
    switch (action) {
      case 'approved':
      case 'rejected':
        return mayDecide(directory, actor, request);
      case 'ordered':
      case 'allocated':
      case 'shipped':
        return isAllowed(directory, actor, 'equipment.work');
      case 'received':
      case 'withdrawn':
        return isRequester;
      case 'returned':
        return isRequester || isAllowed(directory, actor, 'equipment.work');
    }
  }

  /** The clicker's own change already happened (a double click, a retried invoke): one effect. */
  async function isRepeat(equipment: EquipmentRepository, request: EquipmentRequest, change: ActRequest) {
    const last = (await equipment.requestEvents(request.id)).at(-1);
    return last?.action === change.action && last.actorAadObjectId === change.actorAadObjectId;
  }

  async function notifyApprovers(
    repositories: EquipmentRepositories,
    outbox: Outbox,
    request: EquipmentRequest,
  ): Promise<string | null> {
    const { directory } = repositories;
    const approver = request.approverAadObjectId
      ? await directory.findPerson(request.approverAadObjectId)
      : null;
    const recipients = approver
      ? [approver]
      : (await directory.listPeople()).filter((person) => hasRole(person, 'admin'));
    const view = await viewOf(directory, request);
    for (const recipient of recipients) {
      await outbox.send({
        recipientKey: personRecipient(recipient.aadObjectId),
        idempotencyKey: `equipment:${request.id}:approval:${recipient.aadObjectId}`,
        category: 'approval',
        payload: renderer.approvalCard(view, recipient.locale),
        locale: recipient.locale,
      });
    }
    return approver?.displayName ?? null;
  }

  return {
    catalogue,

    async submitRequest(request) {
      return ports.transaction(async (repositories) => {
        const { equipment, directory, outbound } = repositories;
        const laptopKey = `${request.sourceKey}:laptop`;
        const existing = (
          await Promise.all([
            equipment.findRequestBySourceKey(laptopKey),
            equipment.findRequestBySourceKey(request.sourceKey),
          ])
        ).filter((found): found is EquipmentRequest => found !== null);
        if (existing.length > 0) return { outcome: 'exists', requests: existing };

        if (!offers(catalogue, request.kind))
          throw new DomainError('equipment.not_offered', `${request.kind} is not in the catalogue`, {
            kind: request.kind,
          });
        const reason = request.reason.trim().slice(0, MAX_TEXT);
        if (reason.length === 0)
          throw new DomainError('equipment.reason_required', 'a request says why it is needed');
        const delivery = await checkedDelivery(directory, request.delivery);
        const requester = await actorOf(directory, request.actor.aadObjectId);

        const own = await equipment.listRequests({
          requesterAadObjectId: requester.aadObjectId,
          limit: OWN_REQUESTS_READ,
        });
        const laptopFirst = needsLaptopFirst(request.kind, own);
        if (laptopFirst && !request.includeLaptop) return { outcome: 'laptop_required' };
        const finding = duplicatesOf(request.kind, own);
        const duplicateOf =
          finding.holds.length > 0 ? 'holds' : finding.pending.length > 0 ? 'pending' : null;
        if (duplicateOf && !request.confirmDuplicate) return { outcome: 'duplicate', finding };

        const manager = requester.managerAadObjectId
          ? await directory.findPerson(requester.managerAadObjectId)
          : null;
        const at = clock.now().toISOString();
        const outbox = createOutbox({ outbound, clock, newId });
        const wanted: {
          kind: EquipmentKind;
          details: string;
          sourceKey: string;
          duplicate: typeof duplicateOf;
        }[] = [
          ...(laptopFirst
            ? [{ kind: 'laptop' as const, details: '', sourceKey: laptopKey, duplicate: null }]
            : []),
          {
            kind: request.kind,
            details: request.details.trim().slice(0, MAX_TEXT),
            sourceKey: request.sourceKey,
            duplicate: duplicateOf,
          },
        ];
        const created: EquipmentRequest[] = [];
        let approverName: string | null = null;
        for (const item of wanted) {
          const made: EquipmentRequest = {
            id: newId(),
            number: await equipment.nextRequestNumber(),
            kind: item.kind,
            details: item.details,
            reason,
            delivery,
            requesterAadObjectId: requester.aadObjectId,
            requesterName: requester.displayName,
            requesterLocale: requester.locale,
            approverAadObjectId: manager?.active ? manager.aadObjectId : null,
            status: 'pending_approval',
            duplicateOf: item.duplicate,
            decidedBy: null,
            decidedAt: null,
            decisionComment: null,
            source: null,
            assetTag: null,
            serial: null,
            trackingNumber: null,
            queueConversationId: null,
            createdAt: at,
            updatedAt: at,
            receivedAt: null,
            returnedAt: null,
            version: 1,
            sourceKey: item.sourceKey,
          };
          const event: EquipmentEvent = {
            requestId: made.id,
            version: 1,
            action: 'requested',
            actorAadObjectId: request.actor.aadObjectId,
            at,
            note: item.duplicate ? `requester confirmed a second one (${item.duplicate})` : null,
          };
          if (!(await equipment.insertRequest(made, event))) {
            // The same form won a race in another transaction: answer with what it made.
            const winner = await equipment.findRequestBySourceKey(item.sourceKey);
            if (winner) return { outcome: 'exists', requests: [winner] };
            throw new DomainError('storage.conflict', 'the request could not be saved', {}, 'system');
          }
          approverName = await notifyApprovers(repositories, outbox, made);
          created.push(made);
        }
        return { outcome: 'created', requests: created, approverName };
      });
    },

    async act(change) {
      return ports.transaction(async (repositories) => {
        const { equipment, directory, outbound, support, audit } = repositories;
        const request = await equipment.findRequest(change.requestId);
        if (!request) return null;
        const actor = await directory.findPerson(change.actorAadObjectId);
        // Rights first: a forwarded or stale card clicked by someone else changes nothing.
        if (!actor || !(await mayAct(directory, actor, request, change.action)))
          return { outcome: 'forbidden', request };
        if (request.version !== change.expectedVersion)
          return (await isRepeat(equipment, request, change))
            ? { outcome: 'done', request }
            : { outcome: 'conflict', request };

        let applied: ReturnType<typeof applyChange>;
        try {
          applied = applyChange(request, {
            action: change.action,
            actorAadObjectId: actor.aadObjectId,
            at: clock.now().toISOString(),
            note: change.note ?? null,
            ...(change.fulfilment ? { fulfilment: change.fulfilment } : {}),
          });
        } catch (error) {
          if (error instanceof DomainError && error.code === 'equipment.not_allowed_now')
            return { outcome: 'not_allowed_now', request };
          throw error;
        }
        const { request: changed, event } = applied;
        const queues = await support.listQueues();
        const queue = change.action === 'approved' ? routeTicket('equipment', queues) : null;
        if (queue) changed.queueConversationId = queue.conversationId;
        if (!(await equipment.updateRequest(changed, request.version, event))) {
          const current = (await equipment.findRequest(request.id)) ?? request;
          return (await isRepeat(equipment, current, change))
            ? { outcome: 'done', request: current }
            : { outcome: 'conflict', request: current };
        }

        await audit.append([
          {
            id: newId(),
            at: event.at,
            actor: actor.aadObjectId,
            action: 'equipment.change',
            subject: `equipment:${changed.id}`,
            personAadObjectId: changed.requesterAadObjectId,
            before: { status: request.status, version: request.version },
            after: { status: changed.status, version: changed.version, action: change.action },
            reason: null,
          },
        ]);
        const outbox = createOutbox({ outbound, clock, newId });
        const byRequester = actor.aadObjectId === changed.requesterAadObjectId;
        if (!byRequester) {
          await outbox.send({
            recipientKey: personRecipient(changed.requesterAadObjectId),
            idempotencyKey: `equipment:${changed.id}:v${changed.version}:requester`,
            category: 'notice',
            payload: renderer.requesterNotice(changed, event, actor.displayName),
            locale: changed.requesterLocale,
          });
        }
        if (change.action === 'approved') {
          if (queue) {
            await outbox.send({
              recipientKey: conversationRecipient(queue.conversationId),
              idempotencyKey: `equipment:${changed.id}:queue`,
              category: 'ticket',
              payload: renderer.queueCard(await viewOf(directory, changed), queue.locale),
              locale: queue.locale,
            });
          } else {
            const admins = (await directory.listPeople()).filter((person) => hasRole(person, 'admin'));
            for (const admin of admins)
              await outbox.send({
                recipientKey: personRecipient(admin.aadObjectId),
                idempotencyKey: `equipment:${changed.id}:unrouted:${admin.aadObjectId}`,
                category: 'notice',
                payload: renderer.unroutedNotice(changed, admin.locale),
                locale: admin.locale,
              });
          }
        }
        // IT learns in its queue what the requester did on their side.
        const routedTo = queues.find((candidate) => candidate.conversationId === changed.queueConversationId);
        if (byRequester && routedTo && (change.action === 'withdrawn' || change.action === 'returned')) {
          await outbox.send({
            recipientKey: conversationRecipient(routedTo.conversationId),
            idempotencyKey: `equipment:${changed.id}:v${changed.version}:queue`,
            category: 'notice',
            payload: renderer.queueNotice(changed, event, actor.displayName, routedTo.locale),
            locale: routedTo.locale,
          });
        }
        return { outcome: 'done', request: changed };
      });
    },

    findRequest: (id) => ports.equipment.findRequest(id),

    view: (request) => viewOf(ports.directory, request),

    async listOwnRequests(actorAadObjectId, { openOnly, limit }) {
      const requests = await ports.equipment.listRequests({ requesterAadObjectId: actorAadObjectId, limit });
      return openOnly ? requests.filter(isOpen) : requests;
    },

    async holdings(actorAadObjectId, { personAadObjectId, limit }) {
      const actor = await actorOf(ports.directory, actorAadObjectId);
      if (personAadObjectId === undefined) {
        // Everybody's holdings for IT and admins; one's own for anyone else.
        const everybody = await isAllowed(ports.directory, actor, 'equipment.work');
        const held = await ports.equipment.listRequests({
          ...(everybody ? {} : { requesterAadObjectId: actor.aadObjectId }),
          statuses: ['received'],
          limit,
        });
        return held.flatMap((request) => holdingOf(request) ?? []);
      }
      const subject = await ports.directory.findPerson(personAadObjectId);
      // Only those who may read anyone's equipment learn that a person does not exist.
      if (!subject && (await isAllowed(ports.directory, actor, 'equipment.work')))
        throw new DomainError('directory.unknown_person', `no person ${personAadObjectId}`, {
          aadObjectId: personAadObjectId,
        });
      if (!subject)
        throw new DomainError('auth.forbidden', 'you may not do this', { action: 'equipment.read' });
      await authorise(ports.directory, actor, 'equipment.read', subject);
      const held = await ports.equipment.listRequests({
        requesterAadObjectId: subject.aadObjectId,
        statuses: ['received'],
        limit,
      });
      return held.flatMap((request) => holdingOf(request) ?? []);
    },
  };
}
