import type { DirectoryRepository } from './directory-ports.js';
import type { Person } from './people.js';

/**
 * A manager's list is shown in a card's drop-down: beyond a couple of hundred names it stops
 * being usable (and Teams' card payload limit of about 28 KB is near), so it is cut there.
 */
export const MAX_REPORTS_LISTED = 200;

/**
 * The active people below `managerAadObjectId` in the directory — direct reports, their reports,
 * and so on — sorted by name and cut at `limit`. The directory is read once and the tree built in
 * memory: one query instead of one per level, and a cycle slipped into the data cannot loop.
 */
export async function reportsOf(
  directory: Pick<DirectoryRepository, 'listPeople'>,
  managerAadObjectId: string,
  options: { limit?: number } = {},
): Promise<Person[]> {
  return reportsAmong(await directory.listPeople(), managerAadObjectId, options);
}

/**
 * `reportsOf` over people already read: the active ones among `people` below the manager, by
 * name, cut at `limit`. A manager's own subtree (`listPeopleBelow`) is enough input.
 */
export function reportsAmong(
  people: readonly Person[],
  managerAadObjectId: string,
  options: { limit?: number } = {},
): Person[] {
  const reportsByManager = new Map<string, Person[]>();
  for (const person of people) {
    if (!person.active) continue;
    if (!person.managerAadObjectId || person.managerAadObjectId === person.aadObjectId) continue;
    const siblings = reportsByManager.get(person.managerAadObjectId);
    if (siblings) siblings.push(person);
    else reportsByManager.set(person.managerAadObjectId, [person]);
  }

  const found = new Map<string, Person>();
  const queue = [managerAadObjectId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const report of reportsByManager.get(next) ?? []) {
      if (report.aadObjectId === managerAadObjectId || found.has(report.aadObjectId)) continue;
      found.set(report.aadObjectId, report);
      queue.push(report.aadObjectId);
    }
  }

  return [...found.values()]
    .sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName, 'de-CH') || a.aadObjectId.localeCompare(b.aadObjectId),
    )
    .slice(0, options.limit ?? MAX_REPORTS_LISTED);
}
