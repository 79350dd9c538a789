/**
 * Privacy under the Swiss nFADP (issue 5): a person may have everything stored about them, and
 * have it erased — except their time records, which the employer must keep for five years
 * (ArGV 1 art. 73) and which are purged automatically once that duty has run out.
 */
import { auditWriter, type AuditRepository } from '../audit/audit-trail.js';
import type { DirectoryRepository } from '../directory/directory-ports.js';
import type { Person } from '../directory/people.js';
import { authorise } from '../directory/policy.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';

export const RETENTION_YEARS = 5;

/** Everything stored about one person, by where it is kept. */
export type PersonalData = Record<string, unknown>;

/** How many rows an erasure removed or emptied, by where they were kept. */
export type ErasureCounts = Record<string, number>;

export interface PurgeCounts {
  entries: number;
  versions: number;
  approvals: number;
  auditEvents: number;
}

export interface PersonalDataRepository {
  collect(aadObjectId: string): Promise<PersonalData>;
  /**
   * Removes or empties what is kept about the person, except what the time records need to stay
   * a proof (the records, their history and approvals, the contract, name, AHV number and site).
   */
  erase(aadObjectId: string): Promise<ErasureCounts>;
  /** Deletes time records (and their history and approvals) of days before `before`. */
  purgeTimeRecordsBefore(before: CalendarDate, beforeInstant: string): Promise<PurgeCounts>;
}

export interface PrivacyRepositories {
  directory: Pick<DirectoryRepository, 'findPerson'>;
  personalData: PersonalDataRepository;
  audit: AuditRepository;
}

export interface PrivacyPorts extends PrivacyRepositories {
  transaction<T>(work: (repositories: PrivacyRepositories) => Promise<T>): Promise<T>;
}

/** The first day still under the retention duty on `today`: the same date five years ago. */
export function retentionStart(today: CalendarDate): CalendarDate {
  const year = Number(today.slice(0, 4)) - RETENTION_YEARS;
  // 29 February has no twin five years earlier; 1 March keeps the whole of the duty.
  const candidate = `${String(year).padStart(4, '0')}${today.slice(4)}`;
  return today.slice(5) === '02-29' ? `${year}-03-01` : candidate;
}

export function createPrivacyService(dependencies: {
  ports: PrivacyPorts;
  clock: Clock;
  newId: () => string;
}) {
  const { ports, clock, newId } = dependencies;

  async function subjectOf(repositories: PrivacyRepositories, aadObjectId: string): Promise<Person> {
    const subject = await repositories.directory.findPerson(aadObjectId);
    if (!subject) throw new DomainError('directory.unknown_person', 'this person is not in the directory');
    return subject;
  }

  return {
    /** The person themself, HR or an admin: everything stored about them, as JSON. */
    async exportPersonalData(request: { actor: Person; subjectAadObjectId: string }): Promise<PersonalData> {
      return ports.transaction(async (repositories) => {
        const subject = await subjectOf(repositories, request.subjectAadObjectId);
        if (subject.aadObjectId !== request.actor.aadObjectId) {
          await authorise(repositories.directory, request.actor, 'privacy.manage', subject);
        }
        await auditWriter(
          repositories.audit,
          clock,
          newId,
        )({
          actor: request.actor.aadObjectId,
          action: 'privacy.export',
          subject: `person:${subject.aadObjectId}`,
          personAadObjectId: subject.aadObjectId,
          before: null,
          after: null,
          reason: null,
        });
        return {
          exportedAt: clock.now().toISOString(),
          retention: `time records are kept ${RETENTION_YEARS} years (ArGV 1 art. 73), then purged`,
          ...(await repositories.personalData.collect(subject.aadObjectId)),
        };
      });
    },

    /** HR or an admin erases a person's data on request; their time records stay until the purge. */
    async erasePersonalData(request: {
      actor: Person;
      subjectAadObjectId: string;
      reason: string;
    }): Promise<ErasureCounts> {
      const reason = request.reason.trim();
      if (!reason)
        throw new DomainError('input.invalid', 'an erasure needs a reason (the request it answers)');
      return ports.transaction(async (repositories) => {
        const subject = await subjectOf(repositories, request.subjectAadObjectId);
        await authorise(repositories.directory, request.actor, 'privacy.manage', subject);
        const counts = await repositories.personalData.erase(subject.aadObjectId);
        await auditWriter(
          repositories.audit,
          clock,
          newId,
        )({
          actor: request.actor.aadObjectId,
          action: 'privacy.erase',
          subject: `person:${subject.aadObjectId}`,
          personAadObjectId: subject.aadObjectId,
          before: null,
          after: counts,
          reason,
        });
        return counts;
      });
    },

    /** Deletes what the retention duty no longer covers; run daily, safe to run again. */
    async purgeExpired(request: { today: CalendarDate }): Promise<PurgeCounts & { before: CalendarDate }> {
      const before = retentionStart(request.today);
      return ports.transaction(async (repositories) => {
        const counts = await repositories.personalData.purgeTimeRecordsBefore(
          before,
          `${before}T00:00:00.000Z`,
        );
        if (counts.entries + counts.versions + counts.approvals + counts.auditEvents > 0) {
          await auditWriter(
            repositories.audit,
            clock,
            newId,
          )({
            actor: 'system',
            action: 'privacy.purge',
            subject: `records-before:${before}`,
            personAadObjectId: null,
            before: null,
            after: { ...counts, retentionYears: RETENTION_YEARS, before },
            reason: null,
          });
        }
        return { ...counts, before };
      });
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
