import type { Server } from 'restify';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { PrivacyService } from '../domain/privacy/personal-data.js';
import type { Logger } from '../observability/logger.js';
import { callerPersonOf, type ApiCallerResolver } from './api-caller.js';
import { guardedRoute, parseInput } from './route-helpers.js';

export interface PrivacyRoutesDependencies {
  directory: Pick<DirectoryRepository, 'findPerson'>;
  privacy: PrivacyService;
  resolveCaller: ApiCallerResolver;
  logger: Logger;
}

const subjectParams = z.object({ aadObjectId: z.string().min(1).max(200) });
const erasureBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

/**
 * The person's rights under the nFADP (issue 5):
 * GET /api/me/personal-data: everything stored about the caller, as a JSON download.
 * GET /api/users/{aadObjectId}/personal-data (HR, admin): the same for someone who asked HR.
 * POST /api/users/{aadObjectId}/erasure { reason } (HR, admin): erases all but the time records
 * under the 5-year retention duty; answers what was removed or emptied, by where it was kept.
 */
export function registerPrivacyRoutes(server: Server, dependencies: PrivacyRoutesDependencies): void {
  const { directory, privacy, resolveCaller, logger } = dependencies;

  const callerPerson = callerPersonOf(resolveCaller, directory);

  const sendExport = (res: Parameters<Parameters<typeof guardedRoute>[1]>[1], data: unknown) => {
    res.setHeader('Content-Disposition', 'attachment; filename="crewdesk-personal-data.json"');
    res.setHeader('Cache-Control', 'no-store');
    res.json(data);
  };

  server.get(
    '/api/me/personal-data',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      sendExport(res, await privacy.exportPersonalData({ actor, subjectAadObjectId: actor.aadObjectId }));
    }),
  );

  server.get(
    '/api/users/:aadObjectId/personal-data',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(subjectParams, req.params);
      sendExport(res, await privacy.exportPersonalData({ actor, subjectAadObjectId: params.aadObjectId }));
    }),
  );

  server.post(
    '/api/users/:aadObjectId/erasure',
    guardedRoute(logger, async (req, res) => {
      const actor = await callerPerson(req);
      const params = parseInput(subjectParams, req.params);
      const body = parseInput(erasureBody, req.body);
      const erased = await privacy.erasePersonalData({
        actor,
        subjectAadObjectId: params.aadObjectId,
        reason: body.reason,
      });
      res.json({
        erased,
        kept: 'time records, their history and approvals, until the 5-year retention ends',
      });
    }),
  );
}
