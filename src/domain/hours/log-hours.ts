import type { DirectoryRepository } from '../directory/directory-ports.js';
import { newcomerFrom, type ChatIdentity } from '../directory/newcomer.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { HoursEntry, HoursRepository, WorkPlace } from './hours-entry.js';

export interface HoursPorts {
  transaction<T>(
    work: (repositories: { directory: DirectoryRepository; hours: HoursRepository }) => Promise<T>,
  ): Promise<T>;
}

export interface LogWorkRequest {
  actor: ChatIdentity;
  date: CalendarDate;
  minutes: number;
  startTime?: string | null;
  endTime?: string | null;
  breakMinutes?: number | null;
  place?: WorkPlace | null;
  sourceActivityId?: string | null;
}

export interface LoggedWork {
  entry: HoursEntry;
  dayTotalMinutes: number;
  /** True when this record also created the person (first contact with the bot). */
  personCreated: boolean;
}

const MINUTES_PER_DAY = 24 * 60;

export function createHoursService(dependencies: { ports: HoursPorts; clock: Clock; newId: () => string }) {
  const { ports, clock, newId } = dependencies;

  return {
    /**
     * Records time worked on a day. A person unknown to the directory is created in the same
     * transaction, so a fresh install is usable and concurrent first messages create one person.
     */
    async logWork(request: LogWorkRequest): Promise<LoggedWork> {
      if (!Number.isInteger(request.minutes) || request.minutes <= 0) {
        throw new DomainError('hours.invalid_duration', 'worked minutes must be a positive whole number', {
          minutes: request.minutes,
        });
      }
      return ports.transaction(async ({ directory, hours }) => {
        const existing = await directory.findPerson(request.actor.aadObjectId);
        let personCreated = false;
        if (!existing) {
          const { person, contract } = newcomerFrom(request.actor);
          await directory.insertPersonIfMissing(person);
          await directory.upsertContracts([contract]);
          personCreated = true;
        }
        const dayEntries = await hours.listEntries(request.actor.aadObjectId, request.date, request.date);
        const workedBefore = dayEntries
          .filter((entry) => entry.kind === 'work')
          .reduce((sum, entry) => sum + entry.minutes, 0);
        if (workedBefore + request.minutes > MINUTES_PER_DAY) {
          throw new DomainError('hours.day_too_long', 'a day cannot hold more than 24 hours of work', {
            date: request.date,
            alreadyRecordedMinutes: workedBefore,
            requestedMinutes: request.minutes,
          });
        }
        const entry: HoursEntry = {
          id: newId(),
          aadObjectId: request.actor.aadObjectId,
          date: request.date,
          kind: 'work',
          minutes: request.minutes,
          startTime: request.startTime ?? null,
          endTime: request.endTime ?? null,
          breakMinutes: request.breakMinutes ?? null,
          place: request.place ?? null,
          absenceKind: null,
          sourceActivityId: request.sourceActivityId ?? null,
          createdAt: clock.now().toISOString(),
        };
        await hours.addEntry(entry);
        return { entry, dayTotalMinutes: workedBefore + request.minutes, personCreated };
      });
    },
  };
}

export type HoursService = ReturnType<typeof createHoursService>;
