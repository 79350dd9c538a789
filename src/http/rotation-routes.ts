import { randomBytes } from 'node:crypto';
import ical from 'ical-generator';
import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import { WEEKDAYS } from '../domain/directory/people.js';
import { authorise, isAllowed } from '../domain/directory/policy.js';
import type { HoursRepository } from '../domain/hours/hours-entry.js';
import { MAX_COHORTS, MAX_ROTATION_WEEKS, type RotationPattern } from '../domain/rotation/rotation-plan.js';
import type { RotationRepository } from '../domain/rotation/rotation-ports.js';
import type { RotationService, RotationView } from '../domain/rotation/rotation-service.js';
import {
  MAX_ORGANISATION_SCHEDULE_DAYS,
  MAX_SCHEDULE_DAYS,
  createScheduleService,
} from '../domain/rotation/schedule.js';
import { addDays, calendarDateIn, isCalendarDate } from '../domain/shared/calendar-date.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Logger } from '../observability/logger.js';
import { callerPersonOf, type ApiCallerResolver } from './api-caller.js';
import { guardedRoute, parseInput } from './route-helpers.js';

export interface RotationRoutesDependencies {
  directory: DirectoryRepository;
  hoursRepository: Pick<HoursRepository, 'daySummaries'>;
  rotationRepository: Pick<
    RotationRepository,
    'listRotations' | 'publishedDays' | 'calendarToken' | 'calendarTokenOwner'
  >;
  rotations: RotationService;
  resolveCaller: ApiCallerResolver;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  /** Tells the members of a published rotation which days they are in (the proactive sender). */
  notifyMembers: (rotation: RotationView) => Promise<void>;
}

const calendarDate = z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD');
/** Whether `from`..`to` (inclusive) spans at most `days` days; bad dates are reported on their own. */
const spansAtMost = (query: { from: string; to: string }, days: number) =>
  !isCalendarDate(query.from) || addDays(query.from, days - 1) >= query.to;
const scheduleQuery = z
  .object({
    from: calendarDate,
    to: calendarDate,
    team: z.string().min(1).optional(),
    site: z.string().min(1).optional(),
    /** `organisation`: every active person at once (HR and admin, a week at most). */
    scope: z.enum(['organisation']).optional(),
  })
  .refine((query) => query.from <= query.to, 'from must not be after to')
  .refine((query) => spansAtMost(query, MAX_SCHEDULE_DAYS), `at most ${MAX_SCHEDULE_DAYS} days at once`)
  .refine((query) => query.scope !== 'organisation' || spansAtMost(query, MAX_ORGANISATION_SCHEDULE_DAYS), {
    message: `the whole organisation's schedule covers at most ${MAX_ORGANISATION_SCHEDULE_DAYS} days at once`,
    path: ['to'],
  })
  .refine(
    (query) => query.scope !== 'organisation' || (query.team === undefined && query.site === undefined),
    {
      message: 'scope=organisation shows everyone: leave out team and site',
      path: ['scope'],
    },
  );
const rotationsQuery = z.object({
  site: z.string().min(1).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

const generateBody = z
  .object({
    siteId: z.string().min(1).optional(),
    team: z.string().min(1).optional(),
    pattern: z.enum(['ab_weeks', 'alternating_days', 'cohorts', 'custom']),
    cohorts: z.number().int().min(2).max(MAX_COHORTS).optional(),
    /** For `custom`: the weekdays of each cohort (an extension of the contract; optional). */
    cohortDays: z
      .array(z.array(z.enum(WEEKDAYS)).min(1))
      .min(2)
      .max(MAX_COHORTS)
      .optional(),
    capPercent: z.number().int().min(1).max(100).optional(),
    startDate: calendarDate,
    weeks: z.number().int().min(1).max(MAX_ROTATION_WEEKS),
    critical: z.array(z.string().min(1)).max(200).optional(),
  })
  .refine((body) => body.siteId !== undefined || body.team !== undefined, 'name a siteId or a team');

const swapBody = z.object({ a: z.string().min(1), b: z.string().min(1), date: calendarDate.optional() });
const tokenQuery = z.object({ token: z.string().min(16).max(128) });

/**
 * `custom` without explicit days: cohort i takes the weekdays i, i + n, … of Monday to Friday
 * (two cohorts: Mon/Wed/Fri and Tue/Thu).
 */
function patternOf(body: z.infer<typeof generateBody>): RotationPattern {
  switch (body.pattern) {
    case 'ab_weeks':
    case 'alternating_days':
      return { kind: body.pattern };
    case 'cohorts':
      return { kind: 'cohorts', cohorts: body.cohorts ?? 3 };
    case 'custom': {
      if (body.cohortDays) return { kind: 'custom', cohortDays: body.cohortDays };
      const count = body.cohorts ?? 2;
      return {
        kind: 'custom',
        cohortDays: Array.from({ length: count }, (_, cohort) =>
          WEEKDAYS.slice(0, 5).filter((_, index) => index % count === cohort),
        ),
      };
    }
  }
}

export function registerRotationRoutes(server: Server, dependencies: RotationRoutesDependencies): void {
  const { directory, rotations, rotationRepository, resolveCaller, clock, timeZone, logger } = dependencies;
  const today = () => calendarDateIn(clock.now(), timeZone);

  const callerPerson = callerPersonOf(resolveCaller, directory);
  const schedules = createScheduleService({
    directory,
    hours: dependencies.hoursRepository,
    rotations: rotationRepository,
  });

  const idParam = (req: Request) => String((req.params as { id?: string }).id ?? '');

  server.get(
    '/api/schedule',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const query = parseInput(scheduleQuery, req.query);
      const range = { from: query.from, to: query.to };
      if (query.scope === 'organisation') {
        await authorise(directory, actor, 'schedule.organisation');
        res.json(await schedules.organisationSchedule(actor, range, today()));
        return;
      }
      // Who may see whom is asked inside, per person shown (`schedule.read`, `hours.read`).
      res.json(
        await schedules.teamSchedule(actor, { ...range, team: query.team, siteId: query.site }, today()),
      );
    }),
  );

  server.get(
    '/api/rotations',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const query = parseInput(rotationsQuery, req.query);
      const range = { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
      const maySeeDrafts = async (siteId: string, team: string | null) =>
        isAllowed(directory, actor, 'rotation.manage', undefined, { siteId, team });
      let siteIds: string[];
      if (query.site !== undefined) {
        await authorise(directory, actor, 'rotation.read', undefined, { siteId: query.site });
        siteIds = [query.site];
      } else {
        siteIds = actor.siteId ? [actor.siteId] : [];
      }
      const found = (
        await Promise.all(siteIds.map((siteId) => rotationRepository.listRotations({ siteId, ...range })))
      ).flat();
      const visible = [];
      for (const rotation of found) {
        if (rotation.status === 'published' || (await maySeeDrafts(rotation.siteId, rotation.team)))
          visible.push(rotation);
      }
      const people = await directory.listPeople({ includeInactive: true });
      let views = await Promise.all(visible.map((rotation) => rotations.view(rotation, { people })));
      // Without a site, an employee sees their own days; a manager their site's whole rotations.
      if (query.site === undefined && !actor.roles.includes('manager')) {
        views = views.map((view) => ({
          ...view,
          assignments: view.assignments.filter((assignment) => assignment.aadObjectId === actor.aadObjectId),
        }));
      }
      res.json({ rotations: views });
    }),
  );

  server.post(
    '/api/rotations/generate',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const body = parseInput(generateBody, req.body);
      const scope = await rotations.scopeOf(body);
      await authorise(directory, actor, 'rotation.manage', undefined, scope);
      const view = await rotations.generate(
        {
          ...scope,
          pattern: patternOf(body),
          startDate: body.startDate,
          weeks: body.weeks,
          ...(body.capPercent !== undefined ? { capPercent: body.capPercent } : {}),
          ...(body.critical !== undefined ? { critical: body.critical } : {}),
        },
        { createdBy: actor.aadObjectId, createdAt: clock.now().toISOString() },
      );
      res.status(201);
      res.json(view);
    }),
  );

  server.post(
    '/api/rotations/:id/publish',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const rotation = await rotations.rotationOrThrow(idParam(req));
      await authorise(directory, actor, 'rotation.manage', undefined, rotation);
      const wasDraft = rotation.status === 'draft';
      const published = await rotations.publish(rotation.id, clock.now().toISOString());
      const view = await rotations.view(published);
      if (wasDraft) {
        // Publishing is done once stored; telling people must not undo it.
        await dependencies
          .notifyMembers(view)
          .catch((error: unknown) =>
            logger.error({ err: error, rotationId: rotation.id }, 'rotation members could not be told'),
          );
      }
      res.json(view);
    }),
  );

  server.post(
    '/api/rotations/:id/swap',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const body = parseInput(swapBody, req.body);
      const rotation = await rotations.rotationOrThrow(idParam(req));
      await authorise(directory, actor, 'rotation.manage', undefined, rotation);
      res.json(await rotations.swap(rotation.id, body));
    }),
  );

  server.get(
    '/api/me/calendar-link',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const token = await rotationRepository.calendarToken(actor.aadObjectId, () =>
        randomBytes(24).toString('base64url'),
      );
      const host = req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost';
      const protocol = req.headers['x-forwarded-proto'] ?? (req.isSecure() ? 'https' : 'http');
      res.json({ url: `${String(protocol)}://${String(host)}/api/me/calendar.ics?token=${token}` });
    }),
  );

  server.get(
    '/api/me/calendar.ics',
    guardedRoute(logger, async (req, res) => {
      const parsed = tokenQuery.safeParse(req.query ?? {});
      const owner = parsed.success ? await rotationRepository.calendarTokenOwner(parsed.data.token) : null;
      const person = owner ? await directory.findPerson(owner) : null;
      if (!person) {
        // Nothing to say to someone guessing tokens.
        res.status(404);
        res.end();
        return;
      }
      const from = addDays(today(), -7);
      const days = await rotationRepository.publishedDays({
        aadObjectIds: [person.aadObjectId],
        from,
        to: addDays(from, 7 * (MAX_ROTATION_WEEKS + 1)),
      });
      const site = person.siteId ? await directory.findSite(person.siteId) : null;
      const calendar = ical({ name: 'Crewdesk', prodId: { company: 'Crewdesk', product: 'rotation' } });
      for (const day of days) {
        if (day.place !== 'office' && day.place !== 'store') continue;
        calendar.createEvent({
          id: `${day.rotationId}-${person.aadObjectId}-${day.date}@crewdesk`,
          start: new Date(`${day.date}T00:00:00Z`),
          allDay: true,
          summary: `${day.place === 'store' ? 'Store' : 'Office'}${site ? ` – ${site.name}` : ''}${day.cohort ? ` (cohort ${day.cohort})` : ''}`,
          ...(site ? { location: site.name } : {}),
        });
      }
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Cache-Control', 'private, max-age=300');
      res.sendRaw(200, calendar.toString());
    }),
  );
}
