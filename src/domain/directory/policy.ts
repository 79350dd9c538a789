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
  | 'rht.read';

export async function isAllowed(
  directory: Pick<DirectoryRepository, 'findPerson'>,
  actor: Person,
  action: PolicyAction,
  subject?: Person,
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
  }
}

export async function authorise(
  directory: Pick<DirectoryRepository, 'findPerson'>,
  actor: Person,
  action: PolicyAction,
  subject?: Person,
): Promise<void> {
  if (!(await isAllowed(directory, actor, action, subject))) {
    throw new DomainError('auth.forbidden', 'you may not do this', { action });
  }
}
