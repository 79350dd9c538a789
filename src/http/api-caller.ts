import type { Request } from 'restify';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { Person } from '../domain/directory/people.js';
import { DomainError } from '../domain/shared/errors.js';
import type { ApiCaller, EntraTokenValidator } from './entra-token-validator.js';

/** The header the tab sends in API local mode to say which demo person it views the app as. */
export const DEMO_USER_HEADER = 'x-crewdesk-demo-user';

export type ApiCallerResolver = (req: Request) => Promise<ApiCaller>;

/**
 * Who calls the tab API. With AAD_APP_CLIENT_ID set only a valid Entra token counts; in API local
 * mode the tab names a demo person (or gets the first featured one), which is why local mode is
 * refused at start-up whenever an Entra app is configured.
 */
export function createApiCallerResolver(
  options:
    | { mode: 'entra'; validator: EntraTokenValidator }
    | { mode: 'local'; defaultPerson: () => Promise<string | null> },
): ApiCallerResolver {
  if (options.mode === 'entra') {
    return (req) => options.validator.validate(req.headers.authorization);
  }
  return async (req) => {
    const chosen = req.headers[DEMO_USER_HEADER];
    const aadObjectId =
      (Array.isArray(chosen) ? chosen[0] : chosen)?.trim() || (await options.defaultPerson());
    if (!aadObjectId) throw new DomainError('auth.unauthenticated', 'choose a demo person first');
    return { aadObjectId, tenantId: 'local' };
  };
}

/**
 * The directory person behind an API request: authenticated by `resolveCaller`, then looked up.
 * Someone signed in but not (yet) in the directory may do nothing: 403.
 */
export function callerPersonOf(
  resolveCaller: ApiCallerResolver,
  directory: Pick<DirectoryRepository, 'findPerson'>,
): (req: Request) => Promise<Person> {
  return async (req) => {
    const caller = await resolveCaller(req);
    const person = await directory.findPerson(caller.aadObjectId);
    if (!person) throw new DomainError('auth.forbidden', 'you are not in the Crewdesk directory yet');
    return person;
  };
}
