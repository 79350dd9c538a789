import type { Server } from 'restify';
import { z } from 'zod';
import {
  requestNumberLabel,
  type EquipmentRequest,
  type Holding,
} from '../domain/equipment/equipment-request.js';
import type { EquipmentService } from '../domain/equipment/equipment-service.js';
import type { Logger } from '../observability/logger.js';
import type { ApiCallerResolver } from './api-caller.js';
import { guardedRoute, parseInput } from './route-helpers.js';

export interface EquipmentRoutesDependencies {
  equipment: Pick<EquipmentService, 'holdings'>;
  resolveCaller: ApiCallerResolver;
  logger: Logger;
}

const holdingsQuery = z.object({
  /** Whose holdings (aadObjectId); absent = everybody's for IT and admins, one's own for others. */
  person: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

/** An equipment request as the tab sees it. The source key stays inside (it names chat forms). */
export function equipmentRequestJson(request: EquipmentRequest) {
  const { sourceKey: _sourceKey, ...rest } = request;
  return { ...rest, reference: requestNumberLabel(request.number) };
}

function holdingJson(holding: Holding) {
  return { ...holding, reference: requestNumberLabel(holding.number) };
}

/**
 * GET /api/equipment/holdings?person=&limit= — who holds what: a person's own (anyone for
 * themself; IT and admins for anyone), or, without `person`, everybody's for IT and admins.
 * Policy action `equipment.read`.
 */
export function registerEquipmentRoutes(server: Server, dependencies: EquipmentRoutesDependencies): void {
  const { equipment, resolveCaller, logger } = dependencies;
  server.get(
    '/api/equipment/holdings',
    guardedRoute(logger, async (req, res) => {
      const caller = await resolveCaller(req);
      const query = parseInput(holdingsQuery, req.query);
      const holdings = await equipment.holdings(caller.aadObjectId, {
        ...(query.person ? { personAadObjectId: query.person } : {}),
        limit: query.limit ?? 500,
      });
      res.setHeader('Cache-Control', 'no-store');
      res.json({ holdings: holdings.map(holdingJson) });
    }),
  );
}
