import type { DirectoryRepository } from './directory-ports.js';
import { hasRole, type Person } from './people.js';

/** Management chains are short; the bound only protects against a cycle slipped into the data. */
export const MAX_CHAIN_LENGTH = 12;

/** Whether `manager` is above `subject` in the directory (direct report, or a report's report…). */
export async function managesPerson(
  directory: Pick<DirectoryRepository, 'findPerson'>,
  manager: Pick<Person, 'aadObjectId'>,
  subject: Pick<Person, 'managerAadObjectId'>,
): Promise<boolean> {
  let next = subject.managerAadObjectId;
  for (let step = 0; next && step < MAX_CHAIN_LENGTH; step += 1) {
    if (next === manager.aadObjectId) return true;
    next = (await directory.findPerson(next))?.managerAadObjectId ?? null;
  }
  return false;
}

/**
 * Who may record or correct someone's hours: the person, their managers up the chain (a store
 * manager logs hours for staff without a device), HR and admins.
 */
export async function mayRecordHoursFor(
  directory: Pick<DirectoryRepository, 'findPerson'>,
  actor: Person,
  subject: Person,
): Promise<boolean> {
  if (actor.aadObjectId === subject.aadObjectId) return true;
  if (hasRole(actor, 'hr') || hasRole(actor, 'admin')) return true;
  return managesPerson(directory, actor, subject);
}
