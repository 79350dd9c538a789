/**
 * Swap requests as use cases (issue 7): a member of a published rotation asks, a manager allowed
 * to manage the rotation approves or rejects, the requester may withdraw while it is pending.
 * Each runs in one transaction with its audit event and the messages it sends (outbox), so a
 * decision is never recorded without its notices, nor a notice sent for one that rolled back.
 * The words of the messages are rendered by the edge (`SwapRequestRenderer`).
 */
import { auditWriter, type AuditRepository } from '../audit/audit-trail.js';
import type { DirectoryRepository } from '../directory/directory-ports.js';
import type { Person, Site } from '../directory/people.js';
import { authorise, isAllowed } from '../directory/policy.js';
import {
  personRecipient,
  type OutboundPayload,
  type OutboundRepository,
} from '../proactive/outbound-message.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, isDomainError } from '../shared/errors.js';
import type { RotationPlace } from './rotation-plan.js';
import type { RotationRepository, StoredRotation } from './rotation-ports.js';
import { datesBetween, plannedFrom, rotationSiteOf } from './rotation-service.js';
import {
  chooseApprovers,
  decideSwapRequest,
  evaluateSwap,
  withdrawSwapRequest,
  type RotationSwapRequest,
  type SwapChange,
  type SwapDecision,
  type SwapOutcome,
  type SwapRefusal,
} from './swap-request.js';
import type { RotationSwapRequestRepository } from './swap-request-ports.js';

export interface SwapRequestRepositories {
  directory: Pick<DirectoryRepository, 'findPerson' | 'findSite' | 'listPeople'>;
  rotations: Pick<RotationRepository, 'findRotation' | 'assignmentsOf'>;
  swapRequests: RotationSwapRequestRepository;
  audit: AuditRepository;
  outbound: Pick<OutboundRepository, 'enqueue'>;
}

export interface SwapRequestPorts extends SwapRequestRepositories {
  transaction<T>(work: (repositories: SwapRequestRepositories) => Promise<T>): Promise<T>;
}

type Named = Pick<Person, 'aadObjectId' | 'displayName'>;

/** A request as cards and the API show it. */
export interface SwapRequestView {
  request: RotationSwapRequest;
  rotation: Pick<StoredRotation, 'id' | 'siteId' | 'team' | 'startDate' | 'endDate'>;
  siteName: string;
  requester: Named;
  partner: Named;
  approvers: Named[];
  decidedBy: Named | null;
  /** Pending: what the swap would change if approved now; approved: what it changed. */
  changes: SwapChange[];
  /** Pending: why it could not be approved now, or null. */
  problem: { reason: SwapRefusal; rule?: string; date?: CalendarDate } | null;
}

/** A person's days after an approved swap, for their notice. */
export interface NewDay {
  date: CalendarDate;
  place: RotationPlace;
  cohort: string | null;
}

export interface SwapRequestRenderer {
  /** To each approver, in their directory language: the request with Approve / Reject. */
  approvalRequest(view: SwapRequestView, locale: string): OutboundPayload;
  /** To the requester: the request went to the approvers; a way to withdraw it. */
  requesterReceipt(view: SwapRequestView, locale: string): OutboundPayload;
  /** To the partner: their days would change if a manager approves. */
  partnerNotice(view: SwapRequestView, locale: string): OutboundPayload;
  /** Approved (with the recipient's new days) or rejected (the comment goes to the requester only). */
  decisionNotice(
    view: SwapRequestView,
    recipient: 'requester' | 'partner',
    locale: string,
    newDays: NewDay[],
  ): OutboundPayload;
  /** To the approvers and the partner: the requester took the request back. */
  withdrawnNotice(view: SwapRequestView, locale: string): OutboundPayload;
}

/** The days a notice lists after a whole-rotation swap: the next two weeks. */
const DAYS_TOLD = 14;
const MAX_REASON = 500;

export function createSwapRequestService(dependencies: {
  ports: SwapRequestPorts;
  clock: Clock;
  newId: () => string;
  renderer: SwapRequestRenderer;
}) {
  const { ports, clock, newId, renderer } = dependencies;

  async function rotationOrThrow(repositories: SwapRequestRepositories, id: string) {
    const rotation = await repositories.rotations.findRotation(id);
    if (!rotation) throw new DomainError('rotation.not_found', 'no such rotation', { rotationId: id });
    return rotation;
  }

  async function requestOrThrow(repositories: SwapRequestRepositories, id: string) {
    const request = await repositories.swapRequests.findSwapRequest(id);
    if (!request) throw new DomainError('rotation.swap_not_found', 'no such swap request', { requestId: id });
    return request;
  }

  async function siteOrThrow(repositories: SwapRequestRepositories, id: string): Promise<Site> {
    const site = await repositories.directory.findSite(id);
    if (!site) throw new DomainError('directory.unknown_site', 'no such site', { siteId: id });
    return site;
  }

  /** The rotation's plan and the swap as it would apply on `today` (throws the refusal). */
  async function evaluate(
    repositories: SwapRequestRepositories,
    rotation: StoredRotation,
    site: Site,
    swap: { requester: string; partner: string; date: CalendarDate | null },
    today: CalendarDate,
  ): Promise<{ outcome: SwapOutcome; members: Set<string> }> {
    const dates = datesBetween(rotation.startDate, rotation.endDate);
    const people = plannedFrom(rotation, await repositories.rotations.assignmentsOf(rotation.id), dates);
    const members = new Set(people.map((person) => person.id));
    const outcome = evaluateSwap({
      site: rotationSiteOf(site, rotation.capPercent, dates),
      people,
      dates,
      ...swap,
      today,
    });
    return { outcome, members };
  }

  async function membersOf(repositories: SwapRequestRepositories, rotation: StoredRotation) {
    const assignments = await repositories.rotations.assignmentsOf(rotation.id);
    return new Set(assignments.map((assignment) => assignment.aadObjectId));
  }

  async function named(repositories: SwapRequestRepositories, id: string): Promise<Named> {
    const person = await repositories.directory.findPerson(id);
    return { aadObjectId: id, displayName: person?.displayName ?? id };
  }

  async function viewOf(
    repositories: SwapRequestRepositories,
    request: RotationSwapRequest,
    today: CalendarDate,
    known: { rotation?: StoredRotation; site?: Site; changes?: SwapChange[] } = {},
  ): Promise<SwapRequestView> {
    const rotation = known.rotation ?? (await rotationOrThrow(repositories, request.rotationId));
    const site = known.site ?? (await siteOrThrow(repositories, rotation.siteId));
    let changes = known.changes ?? [];
    let problem: SwapRequestView['problem'] = null;
    if (!known.changes && request.status === 'pending') {
      try {
        changes = (
          await evaluate(
            repositories,
            rotation,
            site,
            {
              requester: request.requesterAadObjectId,
              partner: request.partnerAadObjectId,
              date: request.date,
            },
            today,
          )
        ).outcome.changes;
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'rotation.swap_refused') throw error;
        problem = { ...(error.details as { reason: SwapRefusal; rule?: string; date?: CalendarDate }) };
      }
    }
    return {
      request,
      rotation: {
        id: rotation.id,
        siteId: rotation.siteId,
        team: rotation.team,
        startDate: rotation.startDate,
        endDate: rotation.endDate,
      },
      siteName: site.name,
      requester: await named(repositories, request.requesterAadObjectId),
      partner: await named(repositories, request.partnerAadObjectId),
      approvers: await Promise.all(request.approverAadObjectIds.map((id) => named(repositories, id))),
      decidedBy: request.decidedBy ? await named(repositories, request.decidedBy) : null,
      changes,
      problem,
    };
  }

  async function enqueue(
    repositories: SwapRequestRepositories,
    message: { to: Person; key: string; payload: OutboundPayload; category: 'approval' | 'rotation' },
  ) {
    const at = clock.now().toISOString();
    await repositories.outbound.enqueue({
      id: newId(),
      recipientKey: personRecipient(message.to.aadObjectId),
      idempotencyKey: message.key,
      category: message.category,
      payload: message.payload,
      locale: message.to.locale,
      createdAt: at,
      notBefore: at,
    });
  }

  const audit = (repositories: SwapRequestRepositories) => auditWriter(repositories.audit, clock, newId);

  /** Whether `actor` may decide on the request: manages the rotation, and is not one of the two. */
  async function authoriseDecider(
    repositories: SwapRequestRepositories,
    actor: Person,
    rotation: StoredRotation,
    request: RotationSwapRequest,
  ) {
    await authorise(repositories.directory, actor, 'rotation.manage', undefined, rotation);
    if (
      actor.aadObjectId === request.requesterAadObjectId ||
      actor.aadObjectId === request.partnerAadObjectId
    )
      throw new DomainError('auth.forbidden', 'nobody decides on a swap of their own days', {
        action: 'rotation.manage',
      });
  }

  /** A person's days to tell after the swap: the swapped day, or the coming two weeks. */
  function newDaysOf(outcome: SwapOutcome, aadObjectId: string, date: CalendarDate | null, today: string) {
    const person = outcome.people.find((candidate) => candidate.id === aadObjectId);
    const until = addDays(today, DAYS_TOLD - 1);
    return (person?.days ?? [])
      .filter((day) => (date === null ? day.date >= today && day.date <= until : day.date === date))
      .map((day) => ({ date: day.date, place: day.place, cohort: day.cohort }));
  }

  return {
    /**
     * A member asks to swap with a colleague of the same published rotation. Refused at once, with
     * the reason, when the swap is impossible now. The same pending request again (a double send)
     * is answered with the one already stored.
     */
    async request(input: {
      actor: Person;
      rotationId: string;
      partner: string;
      date: CalendarDate | null;
      reason: string | null;
      today: CalendarDate;
    }): Promise<{ view: SwapRequestView; created: boolean }> {
      const reason = input.reason?.trim().slice(0, MAX_REASON) || null;
      return ports.transaction(async (repositories) => {
        const rotation = await rotationOrThrow(repositories, input.rotationId);
        const members = await membersOf(repositories, rotation);
        if (!members.has(input.actor.aadObjectId))
          throw new DomainError('auth.forbidden', 'only members of the rotation ask for a swap', {
            action: 'rotation.swap_request',
          });
        if (rotation.status !== 'published')
          throw new DomainError('rotation.not_published', 'swaps are asked for in a published rotation', {
            rotationId: rotation.id,
          });
        const site = await siteOrThrow(repositories, rotation.siteId);
        const swap = { requester: input.actor.aadObjectId, partner: input.partner, date: input.date };
        const { outcome } = await evaluate(repositories, rotation, site, swap, input.today);

        const pending = await repositories.swapRequests.listSwapRequests({
          rotationId: rotation.id,
          aadObjectId: input.actor.aadObjectId,
          status: 'pending',
        });
        const same = pending.find(
          (request) =>
            request.requesterAadObjectId === input.actor.aadObjectId &&
            request.partnerAadObjectId === input.partner &&
            request.date === input.date,
        );
        if (same)
          return { view: await viewOf(repositories, same, input.today, { rotation, site }), created: false };

        const partner = await repositories.directory.findPerson(input.partner);
        if (!partner?.active)
          throw new DomainError('rotation.swap_refused', 'the colleague is not in the directory', {
            reason: 'partner_not_member',
          });
        const everyone = await repositories.directory.listPeople();
        const chain: Person[] = [];
        for (
          let next = input.actor.managerAadObjectId;
          next && chain.length < 12 && !chain.some((manager) => manager.aadObjectId === next);
        ) {
          const manager = await repositories.directory.findPerson(next);
          if (!manager) break;
          chain.push(manager);
          next = manager.managerAadObjectId;
        }
        const allowed = new Set<string>();
        for (const person of [...chain, ...everyone])
          if (await isAllowed(repositories.directory, person, 'rotation.manage', undefined, rotation))
            allowed.add(person.aadObjectId);
        const approvers = chooseApprovers({
          requester: input.actor,
          partner,
          chain,
          mayManage: (person) => allowed.has(person.aadObjectId),
          everyone,
        });
        if (approvers.length === 0)
          throw new DomainError('rotation.swap_refused', 'nobody may decide on this swap', {
            reason: 'no_approver',
          });

        const request: RotationSwapRequest = {
          id: newId(),
          rotationId: rotation.id,
          requesterAadObjectId: input.actor.aadObjectId,
          partnerAadObjectId: partner.aadObjectId,
          date: input.date,
          reason,
          approverAadObjectIds: approvers,
          status: 'pending',
          requestedAt: clock.now().toISOString(),
          decidedBy: null,
          decidedAt: null,
          comment: null,
          version: 1,
        };
        await repositories.swapRequests.insertSwapRequest(request);
        await audit(repositories)({
          actor: input.actor.aadObjectId,
          action: 'rotation.swap_request',
          subject: `swap-request:${request.id}`,
          personAadObjectId: input.actor.aadObjectId,
          before: null,
          after: request,
          reason,
        });
        const view = await viewOf(repositories, request, input.today, {
          rotation,
          site,
          changes: outcome.changes,
        });
        for (const id of approvers) {
          const approver = everyone.find((person) => person.aadObjectId === id);
          if (!approver) continue;
          await enqueue(repositories, {
            to: approver,
            key: `rotation-swap:${request.id}:approver:${id}`,
            payload: renderer.approvalRequest(view, approver.locale),
            category: 'approval',
          });
        }
        await enqueue(repositories, {
          to: input.actor,
          key: `rotation-swap:${request.id}:requester`,
          payload: renderer.requesterReceipt(view, input.actor.locale),
          category: 'rotation',
        });
        await enqueue(repositories, {
          to: partner,
          key: `rotation-swap:${request.id}:partner`,
          payload: renderer.partnerNotice(view, partner.locale),
          category: 'rotation',
        });
        return { view, created: true };
      });
    },

    /**
     * A manager allowed to manage the rotation approves (the swap is applied to the published
     * rotation, checked again now) or rejects with an optional comment. Against the stored version:
     * of two managers or two clicks, one decision is written and the other changes nothing.
     */
    async decide(input: {
      actor: Person;
      requestId: string;
      decision: SwapDecision;
      comment: string | null;
      today: CalendarDate;
    }): Promise<{ view: SwapRequestView; changed: boolean }> {
      const comment = input.comment?.trim().slice(0, MAX_REASON) || null;
      return ports.transaction(async (repositories) => {
        const first = await requestOrThrow(repositories, input.requestId);
        const rotation = await rotationOrThrow(repositories, first.rotationId);
        await authoriseDecider(repositories, input.actor, rotation, first);
        // Approvals of one rotation run one after the other: each checks the rules on the other's result.
        if (input.decision === 'approve') await repositories.swapRequests.lockRotation(rotation.id);
        const site = await siteOrThrow(repositories, rotation.siteId);

        for (let attempt = 0; attempt < 3; attempt += 1) {
          const stored = await requestOrThrow(repositories, input.requestId);
          const at = clock.now().toISOString();
          const next = decideSwapRequest(stored, {
            kind: input.decision,
            by: input.actor.aadObjectId,
            at,
            comment,
          });
          if (!next)
            return {
              view: await viewOf(repositories, stored, input.today, { rotation, site }),
              changed: false,
            };
          const outcome =
            input.decision === 'approve'
              ? (
                  await evaluate(
                    repositories,
                    rotation,
                    site,
                    {
                      requester: stored.requesterAadObjectId,
                      partner: stored.partnerAadObjectId,
                      date: stored.date,
                    },
                    input.today,
                  )
                ).outcome
              : null;
          if (!(await repositories.swapRequests.updateSwapRequest(next, stored.version))) continue;
          if (outcome) {
            await repositories.swapRequests.replacePeopleAssignments(
              rotation.id,
              outcome.people.map((person) => person.id),
              outcome.people.flatMap((person) =>
                person.days.map((day) => ({
                  aadObjectId: person.id,
                  date: day.date,
                  place: day.place,
                  cohort: day.cohort,
                })),
              ),
            );
          }
          await audit(repositories)({
            actor: input.actor.aadObjectId,
            action: 'rotation.swap_decision',
            subject: `swap-request:${next.id}`,
            personAadObjectId: next.requesterAadObjectId,
            before: stored,
            after: outcome ? { ...next, changes: outcome.changes } : next,
            reason: comment,
          });
          const view = await viewOf(repositories, next, input.today, {
            rotation,
            site,
            changes: outcome?.changes ?? [],
          });
          for (const role of ['requester', 'partner'] as const) {
            const id = role === 'requester' ? next.requesterAadObjectId : next.partnerAadObjectId;
            const person = await repositories.directory.findPerson(id);
            if (!person?.active) continue;
            await enqueue(repositories, {
              to: person,
              key: `rotation-swap:${next.id}:${next.status}:${role}`,
              payload: renderer.decisionNotice(
                view,
                role,
                person.locale,
                outcome ? newDaysOf(outcome, id, next.date, input.today) : [],
              ),
              category: 'rotation',
            });
          }
          return { view, changed: true };
        }
        throw new DomainError('rotation.swap_stale', 'this request was changed by someone else; try again', {
          requestId: input.requestId,
        });
      });
    },

    /** The requester takes a pending request back; the approvers and the partner are told. */
    async withdraw(input: {
      actor: Person;
      requestId: string;
      today: CalendarDate;
    }): Promise<{ view: SwapRequestView; changed: boolean }> {
      return ports.transaction(async (repositories) => {
        const stored = await requestOrThrow(repositories, input.requestId);
        if (stored.requesterAadObjectId !== input.actor.aadObjectId)
          throw new DomainError('auth.forbidden', 'only the requester withdraws a request', {
            action: 'rotation.swap_withdraw',
          });
        const next = withdrawSwapRequest(stored, { at: clock.now().toISOString() });
        if (!next) return { view: await viewOf(repositories, stored, input.today), changed: false };
        if (!(await repositories.swapRequests.updateSwapRequest(next, stored.version))) {
          // Someone decided in the meantime: say what they decided.
          const now = await requestOrThrow(repositories, input.requestId);
          if (now.status === 'withdrawn')
            return { view: await viewOf(repositories, now, input.today), changed: false };
          throw new DomainError('rotation.swap_closed', `this request is ${now.status} already`, {
            requestId: now.id,
            status: now.status,
          });
        }
        await audit(repositories)({
          actor: input.actor.aadObjectId,
          action: 'rotation.swap_withdraw',
          subject: `swap-request:${next.id}`,
          personAadObjectId: next.requesterAadObjectId,
          before: stored,
          after: next,
          reason: null,
        });
        const view = await viewOf(repositories, next, input.today);
        for (const id of [...next.approverAadObjectIds, next.partnerAadObjectId]) {
          const person = await repositories.directory.findPerson(id);
          if (!person?.active) continue;
          await enqueue(repositories, {
            to: person,
            key: `rotation-swap:${next.id}:withdrawn:${id}`,
            payload: renderer.withdrawnNotice(view, person.locale),
            category: 'rotation',
          });
        }
        return { view, changed: true };
      });
    },

    /** A request as stored now, for whoever may see it (a card redrawn, the tab). */
    async show(input: { actor: Person; requestId: string; today: CalendarDate }): Promise<SwapRequestView> {
      return ports.transaction(async (repositories) => {
        const request = await requestOrThrow(repositories, input.requestId);
        const rotation = await rotationOrThrow(repositories, request.rotationId);
        const party =
          input.actor.aadObjectId === request.requesterAadObjectId ||
          input.actor.aadObjectId === request.partnerAadObjectId;
        if (!party)
          await authorise(repositories.directory, input.actor, 'rotation.manage', undefined, rotation);
        return viewOf(repositories, request, input.today, { rotation });
      });
    },

    /** Managers of the rotation see every request of it; a member their own (as requester or partner). */
    async list(input: {
      actor: Person;
      rotationId: string;
      today: CalendarDate;
    }): Promise<SwapRequestView[]> {
      return ports.transaction(async (repositories) => {
        const rotation = await rotationOrThrow(repositories, input.rotationId);
        const manages = await isAllowed(
          repositories.directory,
          input.actor,
          'rotation.manage',
          undefined,
          rotation,
        );
        if (!manages && !(await membersOf(repositories, rotation)).has(input.actor.aadObjectId))
          throw new DomainError('auth.forbidden', 'only the rotation’s managers and members see its swaps', {
            action: 'rotation.read',
          });
        const requests = await repositories.swapRequests.listSwapRequests({
          rotationId: rotation.id,
          ...(manages ? {} : { aadObjectId: input.actor.aadObjectId }),
        });
        const site = await siteOrThrow(repositories, rotation.siteId);
        return Promise.all(
          requests.map((request) => viewOf(repositories, request, input.today, { rotation, site })),
        );
      });
    },
  };
}

export type SwapRequestService = ReturnType<typeof createSwapRequestService>;
