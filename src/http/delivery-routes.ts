import type { Server } from 'restify';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import { authorise } from '../domain/directory/policy.js';
import { DELIVERY_STATUSES, type OutboundRepository } from '../domain/proactive/outbound-message.js';
import { DomainError } from '../domain/shared/errors.js';
import type { Logger } from '../observability/logger.js';
import type { ApiCallerResolver } from './api-caller.js';
import { guardedRoute, parseInput } from './route-helpers.js';

export interface DeliveryRoutesDependencies {
  directory: Pick<DirectoryRepository, 'findPerson'>;
  outbound: Pick<OutboundRepository, 'listDeliveries' | 'countByStatus'>;
  resolveCaller: ApiCallerResolver;
  logger: Logger;
}

const deliveriesQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * GET /api/admin/deliveries?status=queued|retrying|sent|failed&limit=1..500 (admin): the proactive
 * messages, newest first, with their delivery status, attempts and the reason of the last failure,
 * plus the count per status. The payload itself is left out: it may hold personal data.
 */
export function registerDeliveryRoutes(server: Server, dependencies: DeliveryRoutesDependencies): void {
  const { directory, outbound, resolveCaller, logger } = dependencies;

  server.get(
    '/api/admin/deliveries',
    guardedRoute(logger, async (req, res) => {
      const caller = await resolveCaller(req);
      const actor = await directory.findPerson(caller.aadObjectId);
      if (!actor) throw new DomainError('auth.forbidden', 'you are not in the Crewdesk directory yet');
      await authorise(directory, actor, 'deliveries.read');
      const query = parseInput(deliveriesQuery, req.query);
      const [deliveries, counts] = await Promise.all([
        outbound.listDeliveries({
          ...(query.status ? { status: query.status } : {}),
          limit: query.limit ?? 100,
        }),
        outbound.countByStatus(),
      ]);
      res.setHeader('Cache-Control', 'no-store');
      res.json({
        counts,
        deliveries: deliveries.map((job) => ({
          id: job.id,
          idempotencyKey: job.idempotencyKey,
          recipientKey: job.recipientKey,
          category: job.category,
          locale: job.locale,
          status: job.status,
          attempts: job.attempts,
          nextAttemptAt: job.status === 'queued' || job.status === 'retrying' ? job.nextAttemptAt : null,
          lastError: job.lastError,
          createdAt: job.createdAt,
          sentAt: job.sentAt,
        })),
      });
    }),
  );
}
