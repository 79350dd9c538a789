import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { DomainError, isDomainError } from '../domain/shared/errors.js';
import type { Logger } from '../observability/logger.js';
import { sendDomainError, sendError } from './api-errors.js';
import { isDatabaseUnavailable } from '../storage/database-availability.js';
import { IdentityProviderUnavailable } from './entra-token-validator.js';

export type RouteHandler = (req: Request, res: Response) => Promise<void>;

/**
 * Wraps a route: domain errors become their status and a JSON body; a dependency that is down for
 * now (the database, the identity provider's metadata) 503 with Retry-After, so that the tab tries
 * again; anything else is logged and answered 500 without details.
 */
export function guardedRoute(logger: Logger, handler: RouteHandler): RouteHandler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (isDomainError(error)) {
        sendDomainError(res, error);
        return;
      }
      const unavailable =
        error instanceof IdentityProviderUnavailable
          ? 'identity'
          : isDatabaseUnavailable(error)
            ? 'database'
            : null;
      if (unavailable) {
        logger.warn({ err: error, route: req.getRoute()?.path, dependency: unavailable }, 'API unavailable');
        res.setHeader('Retry-After', '5');
        sendError(res, 503, 'unavailable', 'Crewdesk cannot answer right now; please try again shortly.');
        return;
      }
      logger.error({ err: error, route: req.getRoute()?.path }, 'API request failed');
      sendError(res, 500, 'internal', 'Crewdesk could not answer; please try again.');
    }
  };
}

/** Parses a query string or body with its schema; a mismatch is the caller's mistake (400). */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`,
    );
    throw new DomainError('input.invalid', problems.join('; '), { problems });
  }
  return parsed.data;
}
