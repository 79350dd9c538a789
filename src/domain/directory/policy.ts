import { managesPerson } from './authority.js';
import type { DirectoryRepository } from './directory-ports.js';
import { hasRole, type Person } from './people.js';
import { DomainError } from '../shared/errors.js';

/**
 * Who may do what (design: roles). Every route and card action asks here, by name, so that what
 * protects a resource reads in one place.
 */
export type PolicyAction =
  /** Read a person's hours: the person, their managers up the chain, HR, admin — never IT. */
  | 'hours.read'
  /** Read the RHT report of the organisation: HR and admin. */
  | 'rht.read'
  /** See the proactive deliveries (who got what, what failed and why): admin only. */
  | 'deliveries.read'
  /** See where a person works (names and places): the person, their team, their managers, HR, admin. */
  | 'schedule.read'
  /** See the whole organisation's schedule in one answer, hours included: HR and admin. */
  | 'schedule.organisation'
  /** Read a site's rotations (scope.siteId): its people, HR, admin. */
  | 'rotation.read'
  /** Generate, adjust and publish a rotation (scope): managers of the site or team, HR, admin. */
  | 'rotation.manage'
  /** See the support tickets of every queue: IT and admin. */
  | 'tickets.read'
  /** Work tickets (assign, reply, set waiting, resolve, reopen) and register queues: IT and admin. */
  | 'tickets.work'
  /** Approve a person's month or send it back: their managers up the chain, nobody else. */
  | 'timesheets.decide'
  /** Lock or unlock a month for the RHT claim, see every team's approvals: HR and admin. */
  | 'months.lock'
  /** Read the audit trail: HR and admin. */
  | 'audit.read'
  /** Export or erase someone else's personal data (nFADP): HR and admin. */
  | 'privacy.manage'
  /** See a person's equipment (holdings and requests): the person, IT and admin. */
  | 'equipment.read'
  /** Fulfil equipment requests (order, allocate, ship) and record returns: IT and admin. */
  | 'equipment.work';

/** What a rotation action is about: a site, and a team when the rotation is a team's. */
export interface PolicyScope {
  siteId?: string | null;
  team?: string | null;
}

export async function isAllowed(
  directory: Pick<DirectoryRepository, 'findPerson'>,
  actor: Person,
  action: PolicyAction,
  subject?: Person,
  scope: PolicyScope = {},
): Promise<boolean> {
  if (!actor.active) return false;
  const hrOrAdmin = hasRole(actor, 'hr') || hasRole(actor, 'admin');
  switch (action) {
    case 'hours.read':
      if (!subject) return false;
      if (subject.aadObjectId === actor.aadObjectId) return true;
      return hrOrAdmin || managesPerson(directory, actor, subject);
    case 'rht.read':
      return hrOrAdmin;
    case 'deliveries.read':
      return hasRole(actor, 'admin');
    case 'schedule.read':
      if (!subject) return false;
      if (subject.aadObjectId === actor.aadObjectId || hrOrAdmin) return true;
      if (actor.team !== null && subject.team === actor.team) return true;
      return managesPerson(directory, actor, subject);
    case 'schedule.organisation':
      return hrOrAdmin;
    case 'rotation.read':
      return hrOrAdmin || (!!scope.siteId && actor.siteId === scope.siteId);
    case 'rotation.manage':
      if (hrOrAdmin) return true;
      if (!hasRole(actor, 'manager')) return false;
      return scope.team ? actor.team === scope.team : !!scope.siteId && actor.siteId === scope.siteId;
    case 'tickets.read':
    case 'tickets.work':
      return hasRole(actor, 'it') || hasRole(actor, 'admin');
    case 'timesheets.decide':
      if (!subject || subject.aadObjectId === actor.aadObjectId) return false;
      return managesPerson(directory, actor, subject);
    case 'months.lock':
    case 'audit.read':
    case 'privacy.manage':
      return hrOrAdmin;
    case 'equipment.read':
      if (subject?.aadObjectId === actor.aadObjectId) return true;
      return hasRole(actor, 'it') || hasRole(actor, 'admin');
    case 'equipment.work':
      return hasRole(actor, 'it') || hasRole(actor, 'admin');
  }
}

export async function authorise(
  directory: Pick<DirectoryRepository, 'findPerson'>,
  actor: Person,
  action: PolicyAction,
  subject?: Person,
  scope: PolicyScope = {},
): Promise<void> {
  if (!(await isAllowed(directory, actor, action, subject, scope))) throw forbidden(action);
}

/** The error a refused action raises, whichever way the policy was asked. */
export function forbidden(action: PolicyAction): DomainError {
  return new DomainError('auth.forbidden', 'you may not do this', { action });
}

/**
 * The actions about one person that depend on who manages whom, asked for many people at once
 * (a schedule of hundreds): the same answers as `isAllowed`, without a directory read per person.
 * `below` holds everyone under the actor in the management chain, active or not, as
 * `listPeopleBelow(actor, MAX_CHAIN_LENGTH)` reads it in one query.
 */
export function isAllowedAmong(
  actor: Person,
  action: Extract<PolicyAction, 'hours.read' | 'schedule.read'>,
  subject: Pick<Person, 'aadObjectId' | 'team'>,
  below: ReadonlySet<string>,
): boolean {
  if (!actor.active) return false;
  if (subject.aadObjectId === actor.aadObjectId) return true;
  if (hasRole(actor, 'hr') || hasRole(actor, 'admin')) return true;
  if (action === 'schedule.read' && actor.team !== null && subject.team === actor.team) return true;
  return below.has(subject.aadObjectId);
}
