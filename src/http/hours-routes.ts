import type { Server } from 'restify';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import { authorise } from '../domain/directory/policy.js';
import type { HoursService, PeriodOverview } from '../domain/hours/hours-service.js';
import { buildMonthlyRhtReport } from '../domain/rht/monthly-report.js';
import { addDays, calendarDateIn, isCalendarDate } from '../domain/shared/calendar-date.js';
import type { Clock } from '../domain/shared/clock.js';
import { DomainError } from '../domain/shared/errors.js';
import type { HoursRepository } from '../domain/hours/hours-entry.js';
import type { TimesheetRepository } from '../domain/hours/month-closing.js';
import { rhtReportCsv, rhtReportXlsx } from '../integrations/rht-spreadsheets.js';
import type { Logger } from '../observability/logger.js';
import { callerPersonOf, type ApiCallerResolver } from './api-caller.js';
import { guardedRoute, parseInput } from './route-helpers.js';

export interface HoursRoutesDependencies {
  directory: DirectoryRepository;
  hoursRepository: HoursRepository;
  hours: HoursService;
  resolveCaller: ApiCallerResolver;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  /** HR's month locks: the RHT JSON says whether the month is locked and changed after the claim. */
  monthLocks?: Pick<TimesheetRepository, 'findLock'>;
}

/** A year and a day: enough for any view, small enough to answer fast. */
const MAX_RANGE_DAYS = 366;

const calendarDate = z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD');
const hoursQuery = z
  .object({ from: calendarDate, to: calendarDate })
  .refine((query) => query.from <= query.to, 'from must not be after to')
  .refine(
    (query) => !isCalendarDate(query.from) || addDays(query.from, MAX_RANGE_DAYS) >= query.to,
    `at most ${MAX_RANGE_DAYS} days at once`,
  );

const reportQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  lang: z.enum(['fr', 'de', 'it', 'en']).optional(),
  /** The day-by-day proof per employee (about 45,000 days for 1,500 people): only on request. */
  detail: z.enum(['daily']).optional(),
});

/** The design's hours JSON: days with something recorded, each with its entries. */
function hoursJson(overview: PeriodOverview) {
  return {
    aadObjectId: overview.aadObjectId,
    displayName: overview.displayName,
    from: overview.from,
    to: overview.to,
    totals: {
      targetMinutes: overview.targetMinutes,
      workedMinutes: overview.workedMinutes,
      absenceMinutes: overview.absenceMinutes,
      balanceMinutes: overview.balanceMinutes,
      missingDays: overview.missingDays,
    },
    days: overview.days
      .filter((day) => day.entries.length > 0)
      .map((day) => ({
        date: day.date,
        workedMinutes: day.workedMinutes,
        targetMinutes: day.targetMinutes,
        absences: day.absences,
        entries: day.entries.map((entry) => ({
          id: entry.id,
          kind: entry.kind,
          minutes: entry.minutes,
          startTime: entry.startTime,
          endTime: entry.endTime,
          breakMinutes: entry.breakMinutes,
          place: entry.place,
          absenceKind: entry.absenceKind,
          enteredBy: entry.enteredBy,
          createdAt: entry.createdAt,
          version: entry.version,
        })),
      })),
  };
}

const LOCALE_OF_LANGUAGE = { fr: 'fr-CH', de: 'de-CH', it: 'it-CH', en: 'en' } as const;

export function registerHoursRoutes(server: Server, dependencies: HoursRoutesDependencies): void {
  const { directory, hours, resolveCaller, clock, timeZone, logger } = dependencies;
  const today = () => calendarDateIn(clock.now(), timeZone);

  const callerPerson = callerPersonOf(resolveCaller, directory);

  async function hoursOf(req: Parameters<ApiCallerResolver>[0], subjectId: string) {
    const actor = await callerPerson(req);
    const query = parseInput(hoursQuery, req.query);
    const subject = await directory.findPerson(subjectId);
    if (!subject)
      throw new DomainError('directory.unknown_person', 'this person is not in the directory', { subjectId });
    await authorise(directory, actor, 'hours.read', subject);
    return hours.overview({
      subjectAadObjectId: subjectId,
      from: query.from,
      to: query.to,
      today: today(),
    });
  }

  server.get(
    '/api/me/hours',
    guardedRoute(logger, async (req, res) => {
      const caller = await resolveCaller(req);
      res.json(hoursJson(await hoursOf(req, caller.aadObjectId)));
    }),
  );

  server.get(
    '/api/users/:aadObjectId/hours',
    guardedRoute(logger, async (req, res) => {
      const subjectId = String((req.params as { aadObjectId?: string }).aadObjectId ?? '');
      res.json(hoursJson(await hoursOf(req, subjectId)));
    }),
  );

  server.get(
    '/api/reports/rht',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const query = parseInput(reportQuery, req.query);
      await authorise(directory, actor, 'rht.read');
      const [report, lock] = await Promise.all([
        buildMonthlyRhtReport(
          { directory, hours: dependencies.hoursRepository },
          { month: query.month, today: today() },
        ),
        dependencies.monthLocks?.findLock(query.month) ?? null,
      ]);
      const locale = query.lang ? LOCALE_OF_LANGUAGE[query.lang] : actor.locale;
      if (query.format === 'json') {
        // `lock.changedAfterLockAt` set: the claim filed may differ from these figures.
        const lockJson = lock
          ? {
              lockedAt: lock.lockedAt,
              lockedBy: lock.lockedBy,
              changedAfterLockAt: lock.changedAfterLockAt,
              changesAfterLock: lock.changesAfterLock,
            }
          : null;
        res.json(
          query.detail === 'daily'
            ? { ...report, lock: lockJson }
            : { ...report, lock: lockJson, rows: report.rows.map(({ days: _days, ...row }) => row) },
        );
        return;
      }
      const fileName = `crewdesk-rht-${query.month}.${query.format}`;
      res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
      res.setHeader('Cache-Control', 'no-store');
      if (query.format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.sendRaw(200, rhtReportCsv(report, { locale }));
        return;
      }
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.sendRaw(200, await rhtReportXlsx(report, { locale }));
    }),
  );
}
