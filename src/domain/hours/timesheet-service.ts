/**
 * Month end (issue 4) as use cases: the approval round a manager gets on the first work day of a
 * month, the manager's decisions, the employee's resubmission, and HR's lock. Each runs in one
 * transaction with its audit events and the messages it sends (through the outbox), so a decision
 * is never recorded without its notice, nor a notice sent for a decision that rolled back. The
 * words of the messages are rendered by the edge (`TimesheetRenderer`).
 */
import { auditWriter, type AuditRepository } from '../audit/audit-trail.js';
import type { DirectoryRepository } from '../directory/directory-ports.js';
import type { Contract, Person } from '../directory/people.js';
import { authorise } from '../directory/policy.js';
import {
  personRecipient,
  type OutboundPayload,
  type OutboundRepository,
} from '../proactive/outbound-message.js';
import { targetsForRange } from '../rht/daily-targets.js';
import { monthRange } from '../rht/monthly-report.js';
import { computeRhtReport } from '../rht/rht-report.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { HoursEntry, HoursRepository } from './hours-entry.js';
import {
  checkLockable,
  decideTimesheet,
  previousMonth,
  resubmitTimesheet,
  type MonthKey,
  type MonthLock,
  type TimesheetApproval,
  type TimesheetDecision,
  type TimesheetRepository,
} from './month-closing.js';

export interface TimesheetRepositories {
  directory: Pick<
    DirectoryRepository,
    'findPerson' | 'listPeople' | 'listSites' | 'findSite' | 'contractsOf' | 'listAllContracts'
  >;
  hours: Pick<HoursRepository, 'listEntriesOf'>;
  timesheets: TimesheetRepository;
  audit: AuditRepository;
  outbound: Pick<OutboundRepository, 'enqueue' | 'knownIdempotencyKeys'>;
}

export interface TimesheetPorts extends TimesheetRepositories {
  transaction<T>(work: (repositories: TimesheetRepositories) => Promise<T>): Promise<T>;
}

/** One report's month as the manager's card shows it. */
export interface TimesheetLine {
  person: Pick<Person, 'aadObjectId' | 'displayName'>;
  approval: TimesheetApproval | null;
  targetMinutes: number;
  workedMinutes: number;
  absenceMinutes: number;
  /** Past work days with a target and nothing recorded: what to check before approving. */
  missingDays: number;
}

/** A manager's direct reports' month. */
export interface TeamMonth {
  manager: Pick<Person, 'aadObjectId' | 'displayName' | 'locale'>;
  month: MonthKey;
  lines: TimesheetLine[];
  lock: MonthLock | null;
}

export interface TimesheetRenderer {
  /** To the manager, in their directory locale: the team's month with approve / send back. */
  approvalRequest(team: TeamMonth): OutboundPayload;
  /** To the employee, in their directory locale: approved, or sent back with the comment. */
  decisionNotice(approval: TimesheetApproval, managerName: string, locale: string): OutboundPayload;
}

export interface MonthStatus {
  month: MonthKey;
  lock: MonthLock | null;
  approvals: { pending: number; approved: number; sentBack: number };
}

function groupByPerson<T extends { aadObjectId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.aadObjectId);
    if (group) group.push(item);
    else groups.set(item.aadObjectId, [item]);
  }
  return groups;
}

/** The first day of `month` with a target for the person (their work days, their canton's holidays). */
export function firstWorkDayOf(
  month: MonthKey,
  person: { contracts: readonly Contract[]; canton: string | null },
): CalendarDate {
  const { from } = monthRange(month);
  const days = targetsForRange({ ...person, from, to: addDays(from, 13) });
  return days.find((day) => day.targetMinutes > 0)?.date ?? from;
}

export function createTimesheetService(dependencies: {
  ports: TimesheetPorts;
  clock: Clock;
  newId: () => string;
  renderer: TimesheetRenderer;
}) {
  const { ports, clock, newId, renderer } = dependencies;

  async function requirePerson(
    directory: TimesheetRepositories['directory'],
    aadObjectId: string,
  ): Promise<Person> {
    const person = await directory.findPerson(aadObjectId);
    if (!person) throw new DomainError('directory.unknown_person', 'this person is not in the directory');
    return person;
  }

  /** The month's figures of `people`, from four queries whatever their number. */
  async function linesOf(
    repositories: TimesheetRepositories,
    people: readonly Person[],
    month: MonthKey,
    today: CalendarDate,
    approvals: ReadonlyMap<string, TimesheetApproval>,
  ): Promise<TimesheetLine[]> {
    if (people.length === 0) return [];
    const { from, to } = monthRange(month);
    const wanted = new Set(people.map((person) => person.aadObjectId));
    const [sites, contracts, entries] = await Promise.all([
      repositories.directory.listSites(),
      repositories.directory.listAllContracts(),
      repositories.hours.listEntriesOf([...wanted], from, to),
    ]);
    const cantonOf = new Map(sites.map((site) => [site.id, site.canton]));
    const contractsOf = groupByPerson(contracts.filter((contract) => wanted.has(contract.aadObjectId)));
    const entriesOf = groupByPerson<HoursEntry>(entries.filter((entry) => wanted.has(entry.aadObjectId)));
    const report = computeRhtReport({
      month,
      today,
      employees: people.map((person) => ({
        person: { ...person, active: true },
        canton: person.siteId ? (cantonOf.get(person.siteId) ?? null) : null,
        contracts: contractsOf.get(person.aadObjectId) ?? [],
        entries: entriesOf.get(person.aadObjectId) ?? [],
      })),
    });
    return report.rows.map((row) => ({
      person: { aadObjectId: row.aadObjectId, displayName: row.displayName },
      approval: approvals.get(row.aadObjectId) ?? null,
      targetMinutes: row.targetMinutes,
      workedMinutes: row.workedMinutes,
      absenceMinutes: row.absenceMinutes,
      missingDays: row.days.filter(
        (day) =>
          day.targetMinutes > 0 && day.date < today && day.workedMinutes === 0 && day.absences.length === 0,
      ).length,
    }));
  }

  async function teamMonthOf(
    repositories: TimesheetRepositories,
    manager: Person,
    month: MonthKey,
    today: CalendarDate,
    /** The directory when the caller has read it already (the round: once, not once per manager). */
    everybody?: readonly Person[],
  ): Promise<TeamMonth> {
    const reports = (everybody ?? (await repositories.directory.listPeople())).filter(
      (person) => person.managerAadObjectId === manager.aadObjectId,
    );
    const [approvals, lock] = await Promise.all([
      Promise.all(reports.map((person) => repositories.timesheets.findApproval(person.aadObjectId, month))),
      repositories.timesheets.findLock(month),
    ]);
    const byPerson = new Map(
      approvals
        .filter((approval): approval is TimesheetApproval => approval !== null)
        .map((approval) => [approval.aadObjectId, approval]),
    );
    const lines = await linesOf(repositories, reports, month, today, byPerson);
    lines.sort((a, b) => a.person.displayName.localeCompare(b.person.displayName));
    return {
      manager: { aadObjectId: manager.aadObjectId, displayName: manager.displayName, locale: manager.locale },
      month,
      lines,
      lock,
    };
  }

  const roundKey = (month: MonthKey, managerId: string) => `timesheets:${month}:${managerId}`;

  /**
   * One decision, against the stored version: when two managers of the chain (or two clicks) race,
   * the loser re-reads and decides again from what the winner left — usually nothing left to do.
   */
  async function applyDecision(
    repositories: TimesheetRepositories,
    actor: Person,
    subject: Person,
    month: MonthKey,
    decision: { kind: TimesheetDecision; comment: string | null },
  ): Promise<TimesheetApproval | null> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const at = clock.now().toISOString();
      const stored = await repositories.timesheets.findApproval(subject.aadObjectId, month);
      const current: TimesheetApproval = stored ?? {
        aadObjectId: subject.aadObjectId,
        month,
        status: 'pending',
        approverAadObjectId: actor.aadObjectId,
        requestedAt: at,
        decidedBy: null,
        decidedAt: null,
        comment: null,
        version: 0,
      };
      const next = decideTimesheet(current, { ...decision, by: actor.aadObjectId, at });
      if (!next) return null;
      const written = stored
        ? await repositories.timesheets.updateApproval(next, stored.version)
        : await repositories.timesheets.insertApproval(next);
      if (!written) continue;
      await auditWriter(
        repositories.audit,
        clock,
        newId,
      )({
        actor: actor.aadObjectId,
        action: decision.kind === 'approve' ? 'timesheet.approve' : 'timesheet.send_back',
        subject: `timesheet:${subject.aadObjectId}:${month}`,
        personAadObjectId: subject.aadObjectId,
        before: stored,
        after: next,
        reason: next.comment,
      });
      await repositories.outbound.enqueue({
        id: newId(),
        recipientKey: personRecipient(subject.aadObjectId),
        idempotencyKey: `timesheet-decision:${subject.aadObjectId}:${month}:${next.version}`,
        category: 'approval',
        payload: renderer.decisionNotice(next, actor.displayName, subject.locale),
        locale: subject.locale,
        createdAt: at,
        notBefore: at,
      });
      return next;
    }
    throw new DomainError('timesheet.stale', 'this month was changed by someone else; try again', { month });
  }

  async function refuseIfLocked(repositories: TimesheetRepositories, month: MonthKey): Promise<void> {
    const lock = await repositories.timesheets.findLock(month);
    if (lock) {
      throw new DomainError('hours.month_locked', 'this month is locked for the RHT claim', {
        month,
        lockedAt: lock.lockedAt,
      });
    }
  }

  return {
    /**
     * Opens the approval round of the month before `today` for every manager whose first work day
     * of this month has come: pending approvals for their direct reports and one team card.
     * Safe to run again and again (every scheduler tick, several instances): the card's
     * idempotency key and the approvals' keys make each happen once.
     */
    async openApprovalRound(request: { today: CalendarDate; month?: MonthKey }): Promise<{
      month: MonthKey;
      managers: number;
      approvals: number;
    }> {
      const month = request.month ?? previousMonth(request.today);
      const everybody = await ports.directory.listPeople();
      const managerIds = new Set(
        everybody.map((person) => person.managerAadObjectId).filter((id): id is string => !!id),
      );
      const managers = everybody.filter((person) => managerIds.has(person.aadObjectId));
      const known = await ports.outbound.knownIdempotencyKeys(
        managers.map((manager) => roundKey(month, manager.aadObjectId)),
      );
      const waiting = managers.filter((manager) => !known.has(roundKey(month, manager.aadObjectId)));
      if (waiting.length === 0) return { month, managers: 0, approvals: 0 };

      const [sites, contracts] = await Promise.all([
        ports.directory.listSites(),
        ports.directory.listAllContracts(),
      ]);
      const cantonOf = new Map(sites.map((site) => [site.id, site.canton]));
      const contractsOf = groupByPerson(contracts);
      const due = request.month
        ? waiting
        : waiting.filter(
            (manager) =>
              firstWorkDayOf(request.today.slice(0, 7), {
                contracts: contractsOf.get(manager.aadObjectId) ?? [],
                canton: manager.siteId ? (cantonOf.get(manager.siteId) ?? null) : null,
              }) <= request.today,
          );

      let opened = 0;
      let approvals = 0;
      for (const manager of due) {
        approvals += await ports.transaction(async (repositories) => {
          const at = clock.now().toISOString();
          const reports = everybody.filter((person) => person.managerAadObjectId === manager.aadObjectId);
          let inserted = 0;
          for (const report of reports) {
            const created = await repositories.timesheets.insertApproval({
              aadObjectId: report.aadObjectId,
              month,
              status: 'pending',
              approverAadObjectId: manager.aadObjectId,
              requestedAt: at,
              decidedBy: null,
              decidedAt: null,
              comment: null,
              version: 1,
            });
            if (created) inserted += 1;
          }
          const team = await teamMonthOf(repositories, manager, month, request.today, everybody);
          const queued = await repositories.outbound.enqueue({
            id: newId(),
            recipientKey: personRecipient(manager.aadObjectId),
            idempotencyKey: roundKey(month, manager.aadObjectId),
            category: 'approval',
            payload: renderer.approvalRequest(team),
            locale: manager.locale,
            createdAt: at,
            notBefore: at,
          });
          if (queued) {
            await auditWriter(
              repositories.audit,
              clock,
              newId,
            )({
              actor: 'system',
              action: 'timesheet.request',
              subject: `month:${month}`,
              personAadObjectId: manager.aadObjectId,
              before: null,
              after: { manager: manager.aadObjectId, reports: reports.map((person) => person.aadObjectId) },
              reason: null,
            });
          }
          return inserted;
        });
        opened += 1;
      }
      return { month, managers: opened, approvals };
    },

    /** The manager's team month (their direct reports), for the card and the tab. */
    async teamMonth(request: { actor: Person; month: MonthKey; today: CalendarDate }): Promise<TeamMonth> {
      return ports.transaction((repositories) =>
        teamMonthOf(repositories, request.actor, request.month, request.today),
      );
    },

    /**
     * A manager approves a report's month or sends it back with a comment (which reaches the
     * employee). Returns the manager's team month after it, for the card to show in place.
     */
    async decide(request: {
      actor: Person;
      subjectAadObjectId: string;
      month: MonthKey;
      decision: TimesheetDecision;
      comment: string | null;
      today: CalendarDate;
    }): Promise<{ team: TeamMonth; changed: boolean }> {
      monthRange(request.month);
      return ports.transaction(async (repositories) => {
        const subject = await requirePerson(repositories.directory, request.subjectAadObjectId);
        await authorise(repositories.directory, request.actor, 'timesheets.decide', subject);
        await refuseIfLocked(repositories, request.month);
        const next = await applyDecision(repositories, request.actor, subject, request.month, {
          kind: request.decision,
          comment: request.comment,
        });
        const team = await teamMonthOf(repositories, request.actor, request.month, request.today);
        return { team, changed: next !== null };
      });
    },

    /** Approves every pending (or sent back) month of the manager's team that has no missing day. */
    async approveComplete(request: {
      actor: Person;
      month: MonthKey;
      today: CalendarDate;
    }): Promise<{ team: TeamMonth; approved: number }> {
      monthRange(request.month);
      return ports.transaction(async (repositories) => {
        await refuseIfLocked(repositories, request.month);
        const before = await teamMonthOf(repositories, request.actor, request.month, request.today);
        let approved = 0;
        for (const line of before.lines) {
          if (line.missingDays > 0 || line.approval?.status === 'approved') continue;
          const subject = await requirePerson(repositories.directory, line.person.aadObjectId);
          await authorise(repositories.directory, request.actor, 'timesheets.decide', subject);
          const next = await applyDecision(repositories, request.actor, subject, request.month, {
            kind: 'approve',
            comment: null,
          });
          if (next) approved += 1;
        }
        const team = await teamMonthOf(repositories, request.actor, request.month, request.today);
        return { team, approved };
      });
    },

    /** The employee hands a sent-back month in again; their manager gets the team card anew. */
    async resubmit(request: {
      actor: Person;
      month: MonthKey;
      today: CalendarDate;
    }): Promise<TimesheetApproval | null> {
      monthRange(request.month);
      return ports.transaction(async (repositories) => {
        await refuseIfLocked(repositories, request.month);
        const stored = await repositories.timesheets.findApproval(request.actor.aadObjectId, request.month);
        if (!stored) throw new DomainError('timesheet.not_found', 'this month was not asked for approval');
        const managerId = request.actor.managerAadObjectId ?? stored.approverAadObjectId;
        const at = clock.now().toISOString();
        const next = resubmitTimesheet(stored, { at, approverAadObjectId: managerId });
        if (!next) return null;
        if (!(await repositories.timesheets.updateApproval(next, stored.version))) {
          throw new DomainError('timesheet.stale', 'this month was changed by someone else; try again');
        }
        await auditWriter(
          repositories.audit,
          clock,
          newId,
        )({
          actor: request.actor.aadObjectId,
          action: 'timesheet.resubmit',
          subject: `timesheet:${request.actor.aadObjectId}:${request.month}`,
          personAadObjectId: request.actor.aadObjectId,
          before: stored,
          after: next,
          reason: null,
        });
        const manager = await repositories.directory.findPerson(managerId);
        if (manager) {
          const team = await teamMonthOf(repositories, manager, request.month, request.today);
          await repositories.outbound.enqueue({
            id: newId(),
            recipientKey: personRecipient(manager.aadObjectId),
            idempotencyKey: `timesheet-resubmitted:${request.actor.aadObjectId}:${request.month}:${next.version}`,
            category: 'approval',
            payload: renderer.approvalRequest(team),
            locale: manager.locale,
            createdAt: at,
            notBefore: at,
          });
        }
        return next;
      });
    },

    /** HR locks a month that is over for the RHT claim; locking it again changes nothing. */
    async lockMonth(request: {
      actor: Person;
      month: MonthKey;
      today: CalendarDate;
    }): Promise<{ status: MonthStatus; locked: boolean }> {
      monthRange(request.month);
      return ports.transaction(async (repositories) => {
        await authorise(repositories.directory, request.actor, 'months.lock');
        checkLockable(request.month, request.today);
        const lock: MonthLock = {
          month: request.month,
          lockedBy: request.actor.aadObjectId,
          lockedAt: clock.now().toISOString(),
          changedAfterLockAt: null,
          changesAfterLock: 0,
        };
        const locked = await repositories.timesheets.insertLock(lock);
        if (locked) {
          await auditWriter(
            repositories.audit,
            clock,
            newId,
          )({
            actor: request.actor.aadObjectId,
            action: 'month.lock',
            subject: `month:${request.month}`,
            personAadObjectId: null,
            before: null,
            after: lock,
            reason: null,
          });
        }
        return { status: await monthStatusOf(repositories, request.month), locked };
      });
    },

    /** HR reopens a locked month (a claim to be corrected); the reason is audited. */
    async unlockMonth(request: { actor: Person; month: MonthKey; reason: string }): Promise<MonthStatus> {
      monthRange(request.month);
      return ports.transaction(async (repositories) => {
        await authorise(repositories.directory, request.actor, 'months.lock');
        const reason = request.reason.trim();
        if (!reason) throw new DomainError('hours.reason_required', 'unlocking a month needs a reason');
        const lock = await repositories.timesheets.findLock(request.month);
        if (!lock)
          throw new DomainError('month.not_locked', 'this month is not locked', { month: request.month });
        await repositories.timesheets.removeLock(request.month);
        await auditWriter(
          repositories.audit,
          clock,
          newId,
        )({
          actor: request.actor.aadObjectId,
          action: 'month.unlock',
          subject: `month:${request.month}`,
          personAadObjectId: null,
          before: lock,
          after: null,
          reason,
        });
        return monthStatusOf(repositories, request.month);
      });
    },

    /** The lock and the approvals of a month (HR's view before and after filing the claim). */
    async monthStatus(request: { actor: Person; month: MonthKey }): Promise<MonthStatus> {
      monthRange(request.month);
      await authorise(ports.directory, request.actor, 'months.lock');
      return monthStatusOf(ports, request.month);
    },
  };
}

/** The lock and the approvals' tally of a month; the caller has checked the reader's right. */
export async function monthStatusOf(
  repositories: Pick<TimesheetRepositories, 'timesheets'>,
  month: MonthKey,
): Promise<MonthStatus> {
  const [lock, approvals] = await Promise.all([
    repositories.timesheets.findLock(month),
    repositories.timesheets.listApprovals({ month }),
  ]);
  const count = (status: TimesheetApproval['status']) =>
    approvals.filter((approval) => approval.status === status).length;
  return {
    month,
    lock,
    approvals: { pending: count('pending'), approved: count('approved'), sentBack: count('sent_back') },
  };
}

export type TimesheetService = ReturnType<typeof createTimesheetService>;
