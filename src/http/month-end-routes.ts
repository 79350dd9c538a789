import type { Server } from 'restify';
import { z } from 'zod';
import { AUDIT_ACTIONS, readAuditTrail, type AuditRepository } from '../domain/audit/audit-trail.js';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { TimesheetService } from '../domain/hours/timesheet-service.js';
import { calendarDateIn } from '../domain/shared/calendar-date.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Logger } from '../observability/logger.js';
import { callerPersonOf, type ApiCallerResolver } from './api-caller.js';
import { guardedRoute, parseInput } from './route-helpers.js';

export interface MonthEndRoutesDependencies {
  directory: Pick<DirectoryRepository, 'findPerson'>;
  timesheets: TimesheetService;
  audit: Pick<AuditRepository, 'list'>;
  resolveCaller: ApiCallerResolver;
  clock: Clock;
  timeZone: string;
  logger: Logger;
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const monthParams = z.object({ month });
const unlockBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
const decisionParams = z.object({ aadObjectId: z.string().min(1).max(200), month });
const decisionBody = z
  .object({ decision: z.enum(['approve', 'send_back']), comment: z.string().max(500).optional() })
  .strict();
const instant = z.string().datetime({ offset: true });
const auditQuery = z.object({
  from: instant.optional(),
  to: instant.optional(),
  person: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * Month end and the audit trail (issues 4 and 5):
 * GET /api/months/{month} (HR, admin): the lock and the approvals' tally.
 * POST /api/months/{month}/lock, POST /api/months/{month}/unlock { reason } (HR, admin).
 * GET /api/timesheets?month= (a manager): their direct reports' month, as the approval card shows it.
 * POST /api/timesheets/{aadObjectId}/{month}/decision { decision, comment } (the person's managers).
 * POST /api/timesheets/{month}/approve-complete (a manager): approves, in one transaction, each
 * direct report's month that has no missing day; answers the team month and how many it approved.
 * GET /api/audit?from=&to=&person=&actor=&action=&limit= (HR, admin): newest first.
 */
export function registerMonthEndRoutes(server: Server, dependencies: MonthEndRoutesDependencies): void {
  const { directory, timesheets, resolveCaller, clock, timeZone, logger } = dependencies;
  const today = () => calendarDateIn(clock.now(), timeZone);

  const callerPerson = callerPersonOf(resolveCaller, directory);

  server.get(
    '/api/months/:month',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(monthParams, req.params);
      res.setHeader('Cache-Control', 'no-store');
      res.json(await timesheets.monthStatus({ actor, month: params.month }));
    }),
  );

  server.post(
    '/api/months/:month/lock',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(monthParams, req.params);
      const outcome = await timesheets.lockMonth({ actor, month: params.month, today: today() });
      res.status(outcome.locked ? 201 : 200);
      res.json(outcome.status);
    }),
  );

  server.post(
    '/api/months/:month/unlock',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(monthParams, req.params);
      const body = parseInput(unlockBody, req.body);
      res.json(await timesheets.unlockMonth({ actor, month: params.month, reason: body.reason }));
    }),
  );

  server.get(
    '/api/timesheets',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const query = parseInput(monthParams, req.query);
      res.setHeader('Cache-Control', 'no-store');
      res.json(await timesheets.teamMonth({ actor, month: query.month, today: today() }));
    }),
  );

  server.post(
    '/api/timesheets/:aadObjectId/:month/decision',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(decisionParams, req.params);
      const body = parseInput(decisionBody, req.body);
      const outcome = await timesheets.decide({
        actor,
        subjectAadObjectId: params.aadObjectId,
        month: params.month,
        decision: body.decision,
        comment: body.comment ?? null,
        today: today(),
      });
      res.json(outcome.team);
    }),
  );

  server.post(
    '/api/timesheets/:month/approve-complete',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(monthParams, req.params);
      const outcome = await timesheets.approveComplete({ actor, month: params.month, today: today() });
      res.json({ ...outcome.team, approvedNow: outcome.approved });
    }),
  );

  server.get(
    '/api/audit',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const query = parseInput(auditQuery, req.query);
      const events = await readAuditTrail({ directory, audit: dependencies.audit }, actor, {
        ...(query.from ? { from: new Date(query.from).toISOString() } : {}),
        ...(query.to ? { to: new Date(query.to).toISOString() } : {}),
        ...(query.person ? { personAadObjectId: query.person } : {}),
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.action ? { action: query.action } : {}),
        limit: query.limit ?? 200,
      });
      res.setHeader('Cache-Control', 'no-store');
      res.json({ events });
    }),
  );
}
