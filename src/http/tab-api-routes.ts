import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { profileOf } from '../domain/directory/profile.js';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { Person } from '../domain/directory/people.js';
import { calendarDateIn } from '../domain/shared/calendar-date.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Logger } from '../observability/logger.js';
import { sendError } from './api-errors.js';
import { guardedRoute, type RouteHandler } from './route-helpers.js';
import type { ApiCallerResolver } from './api-caller.js';

export interface TabApiDependencies {
  directory: DirectoryRepository;
  resolveCaller: ApiCallerResolver;
  clock: Clock;
  timeZone: string;
  authMode: 'local' | 'entra';
  clientId: string | null;
  /** Featured demo people for the "view as" picker, in order; local mode only. */
  featuredDemoPeople: () => Promise<string[]>;
  logger: Logger;
}

const demoUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

function pickerEntry(person: Person, siteNames: Map<string, string>) {
  return {
    aadObjectId: person.aadObjectId,
    displayName: person.displayName,
    roles: person.roles,
    team: person.team,
    siteName: person.siteId ? (siteNames.get(person.siteId) ?? null) : null,
  };
}

/** Routes of the tab API: each parses, asks the use case, renders JSON; domain errors become statuses. */
export function registerTabApiRoutes(server: Server, dependencies: TabApiDependencies): void {
  const { directory, resolveCaller, clock, timeZone, logger } = dependencies;

  const guarded = (handler: RouteHandler) => guardedRoute(logger, handler);

  server.get('/api/config', async (_req: Request, res: Response) => {
    res.json({ authMode: dependencies.authMode, clientId: dependencies.clientId });
  });

  server.get(
    '/api/me',
    guarded(async (req, res) => {
      const caller = await resolveCaller(req);
      const profile = await profileOf(directory, caller.aadObjectId, calendarDateIn(clock.now(), timeZone));
      const { person, site, manager, contract } = profile;
      res.json({
        aadObjectId: person.aadObjectId,
        displayName: person.displayName,
        email: person.email,
        roles: person.roles,
        locale: person.locale,
        team: person.team,
        site: site ? { id: site.id, name: site.name, canton: site.canton, kind: site.kind } : null,
        manager,
        weeklyHours: contract ? Math.round((contract.weeklyMinutes / 60) * 100) / 100 : null,
        workDays: contract?.workDays ?? [],
        authMode: dependencies.authMode,
      });
    }),
  );

  server.get(
    '/api/demo/users',
    guarded(async (req, res) => {
      if (dependencies.authMode !== 'local') {
        sendError(res, 404, 'not_found', 'demo users exist only in local mode');
        return;
      }
      const query = demoUsersQuery.safeParse(req.query ?? {});
      if (!query.success) {
        sendError(res, 400, 'input.invalid', 'q must be text and limit a number from 1 to 100');
        return;
      }
      const limit = query.data.limit ?? 20;
      const search = (query.data.q ?? '').toLowerCase();
      const [people, sites, featured] = await Promise.all([
        directory.listPeople(),
        directory.listSites(),
        dependencies.featuredDemoPeople(),
      ]);
      const siteNames = new Map(sites.map((site) => [site.id, site.name]));
      let chosen: Person[];
      if (search === '') {
        const byId = new Map(people.map((person) => [person.aadObjectId, person]));
        const first = featured
          .map((id) => byId.get(id))
          .filter((person): person is Person => Boolean(person));
        const rest = people.filter((person) => !featured.includes(person.aadObjectId));
        chosen = [...first, ...rest].slice(0, limit);
      } else {
        chosen = people
          .filter((person) =>
            [person.displayName, person.team ?? '', person.email ?? ''].some((field) =>
              field.toLowerCase().includes(search),
            ),
          )
          .slice(0, limit);
      }
      res.json({ users: chosen.map((person) => pickerEntry(person, siteNames)) });
    }),
  );
}
