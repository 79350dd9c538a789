import type { Server } from 'restify';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import { DomainError } from '../domain/shared/errors.js';
import type { SupportService } from '../domain/support/support-service.js';
import {
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  ticketNumberLabel,
  type Ticket,
} from '../domain/support/ticket.js';
import type { EquipmentService } from '../domain/equipment/equipment-service.js';
import type { Logger } from '../observability/logger.js';
import { equipmentRequestJson } from './equipment-routes.js';
import type { ApiCallerResolver } from './api-caller.js';
import { guardedRoute, parseInput } from './route-helpers.js';

export interface SupportRoutesDependencies {
  directory: Pick<DirectoryRepository, 'findPerson'>;
  support: Pick<SupportService, 'listTickets' | 'listOwnRequests'>;
  /** The caller's equipment requests join GET /api/me/requests; none = `equipment: []`. */
  equipment?: Pick<EquipmentService, 'listOwnRequests'>;
  resolveCaller: ApiCallerResolver;
  logger: Logger;
}

const ticketsQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  /** The queue's channel conversation id. */
  queue: z.string().min(1).max(300).optional(),
  category: z.enum(TICKET_CATEGORIES).optional(),
  site: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const requestsQuery = z.object({
  open: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A ticket as the tab sees it. The source key stays inside (it names chat activities). */
function ticketJson(ticket: Ticket) {
  const { sourceKey: _sourceKey, ...rest } = ticket;
  return { ...rest, reference: ticketNumberLabel(ticket.number) };
}

/**
 * GET /api/tickets?status=&queue=&category=&site=&limit= (IT, admin): tickets, newest first.
 * GET /api/me/requests?open=true|false (the caller): the caller's own tickets and equipment
 * requests (`{ tickets, equipment }`); open = not yet received, rejected, returned or withdrawn.
 */
export function registerSupportRoutes(server: Server, dependencies: SupportRoutesDependencies): void {
  const { directory, support, equipment, resolveCaller, logger } = dependencies;

  server.get(
    '/api/tickets',
    guardedRoute(logger, async (req, res) => {
      const caller = await resolveCaller(req);
      const actor = await directory.findPerson(caller.aadObjectId);
      if (!actor) throw new DomainError('auth.forbidden', 'you are not in the Crewdesk directory yet');
      const query = parseInput(ticketsQuery, req.query);
      const tickets = await support.listTickets(actor.aadObjectId, {
        ...(query.status ? { status: query.status } : {}),
        ...(query.queue ? { queueConversationId: query.queue } : {}),
        ...(query.category ? { category: query.category } : {}),
        ...(query.site ? { siteId: query.site } : {}),
        limit: query.limit ?? 100,
      });
      res.setHeader('Cache-Control', 'no-store');
      res.json({ tickets: tickets.map(ticketJson) });
    }),
  );

  server.get(
    '/api/me/requests',
    guardedRoute(logger, async (req, res) => {
      const caller = await resolveCaller(req);
      const query = parseInput(requestsQuery, req.query);
      const options = { openOnly: query.open === 'true', limit: query.limit ?? 100 };
      const [tickets, requests] = await Promise.all([
        support.listOwnRequests(caller.aadObjectId, options),
        equipment ? equipment.listOwnRequests(caller.aadObjectId, options) : [],
      ]);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ tickets: tickets.map(ticketJson), equipment: requests.map(equipmentRequestJson) });
    }),
  );
}
