import type { Server } from 'restify';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { SwapRequestService, SwapRequestView } from '../domain/rotation/swap-request-service.js';
import { calendarDateIn, isCalendarDate } from '../domain/shared/calendar-date.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Logger } from '../observability/logger.js';
import { callerPersonOf, type ApiCallerResolver } from './api-caller.js';
import { guardedRoute, parseInput } from './route-helpers.js';

export interface RotationSwapRoutesDependencies {
  directory: Pick<DirectoryRepository, 'findPerson'>;
  swapRequests: SwapRequestService;
  resolveCaller: ApiCallerResolver;
  clock: Clock;
  timeZone: string;
  logger: Logger;
}

const id = z.string().min(1).max(100);
const idParams = z.object({ id });
const requestBody = z
  .object({
    partner: z.string().min(1).max(200),
    date: z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD').optional(),
    reason: z.string().max(500).optional(),
  })
  .strict();
const decisionBody = z
  .object({ decision: z.enum(['approve', 'reject']), comment: z.string().max(500).optional() })
  .strict();

/** The request as the tab reads it. */
function jsonOf(view: SwapRequestView) {
  const { request } = view;
  return {
    id: request.id,
    rotationId: request.rotationId,
    siteId: view.rotation.siteId,
    siteName: view.siteName,
    requester: view.requester,
    partner: view.partner,
    date: request.date,
    reason: request.reason,
    status: request.status,
    approvers: view.approvers,
    requestedAt: request.requestedAt,
    decidedBy: view.decidedBy,
    decidedAt: request.decidedAt,
    comment: request.comment,
    version: request.version,
    changes: view.changes,
    problem: view.problem,
  };
}

/**
 * Swap requests of published rotations (issue 7):
 * POST /api/rotations/{id}/swap-requests { partner, date?, reason? } (a member of the rotation):
 *   201 with the request, 200 when the same request is pending already, 422 with the reason when
 *   the swap is impossible.
 * GET /api/rotations/{id}/swap-requests: the rotation's managers all of them, a member their own.
 * POST /api/swap-requests/{id}/decision { decision: approve|reject, comment? } (the rotation's
 *   managers, not one of the two people).
 * POST /api/swap-requests/{id}/withdraw (the requester, while pending).
 */
export function registerRotationSwapRoutes(
  server: Server,
  dependencies: RotationSwapRoutesDependencies,
): void {
  const { directory, swapRequests, resolveCaller, clock, timeZone, logger } = dependencies;
  const today = () => calendarDateIn(clock.now(), timeZone);

  const callerPerson = callerPersonOf(resolveCaller, directory);

  server.post(
    '/api/rotations/:id/swap-requests',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(idParams, req.params);
      const body = parseInput(requestBody, req.body);
      const outcome = await swapRequests.request({
        actor,
        rotationId: params.id,
        partner: body.partner,
        date: body.date ?? null,
        reason: body.reason ?? null,
        today: today(),
      });
      res.status(outcome.created ? 201 : 200);
      res.json(jsonOf(outcome.view));
    }),
  );

  server.get(
    '/api/rotations/:id/swap-requests',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(idParams, req.params);
      const views = await swapRequests.list({ actor, rotationId: params.id, today: today() });
      res.setHeader('Cache-Control', 'no-store');
      res.json({ requests: views.map(jsonOf) });
    }),
  );

  server.post(
    '/api/swap-requests/:id/decision',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(idParams, req.params);
      const body = parseInput(decisionBody, req.body);
      const outcome = await swapRequests.decide({
        actor,
        requestId: params.id,
        decision: body.decision,
        comment: body.comment ?? null,
        today: today(),
      });
      res.json(jsonOf(outcome.view));
    }),
  );

  server.post(
    '/api/swap-requests/:id/withdraw',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(idParams, req.params);
      const outcome = await swapRequests.withdraw({ actor, requestId: params.id, today: today() });
      res.json(jsonOf(outcome.view));
    }),
  );
}
