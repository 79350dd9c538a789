import { describe, expect, it } from 'vitest';
import { generateDemoOrganisation } from '../../../src/demo/demo-organisation.js';
import { MAX_CHAIN_LENGTH } from '../../../src/domain/directory/authority.js';
import type { Person } from '../../../src/domain/directory/people.js';
import { isAllowed, isAllowedAmong } from '../../../src/domain/directory/policy.js';

/**
 * `isAllowedAmong` answers `hours.read` and `schedule.read` for a whole schedule from the actor's
 * subtree, read once; it must answer exactly as `isAllowed`, which walks each subject's chain of
 * managers. Compared over the demo organisation plus the awkward cases: a manager who left with
 * reports still attached, a cycle, a chain longer than the bound, someone who manages without the
 * manager role, and an actor who left.
 */
const organisation = generateDemoOrganisation();

function person(id: string, overrides: Partial<Person> = {}): Person {
  return {
    aadObjectId: id,
    displayName: id,
    email: null,
    team: null,
    siteId: null,
    managerAadObjectId: null,
    roles: ['employee'],
    locale: 'en',
    ahvNumber: null,
    active: true,
    source: 'directory',
    ...overrides,
  };
}

const boss = organisation.people.find((someone) => someone.roles.includes('manager'))!;
const extra: Person[] = [
  person('departed', { managerAadObjectId: boss.aadObjectId, active: false, roles: ['manager'] }),
  person('left-behind', { managerAadObjectId: 'departed', team: 'Nowhere' }),
  person('loop-a', { managerAadObjectId: 'loop-b' }),
  person('loop-b', { managerAadObjectId: 'loop-a' }),
  // An employee named as someone's manager manages them, role or not.
  person('informal-lead', { managerAadObjectId: boss.aadObjectId }),
  person('informal-report', { managerAadObjectId: 'informal-lead' }),
  person('gone-actor', { active: false, roles: ['manager', 'hr'] }),
  person('gone-report', { managerAadObjectId: 'gone-actor' }),
  // A chain longer than the bound: the top manages the first MAX_CHAIN_LENGTH levels only.
  ...Array.from({ length: MAX_CHAIN_LENGTH + 3 }, (_, level) =>
    person(`chain-${level}`, { managerAadObjectId: level === 0 ? null : `chain-${level - 1}` }),
  ),
];
const everyone = [...organisation.people, ...extra];
const byId = new Map(everyone.map((someone) => [someone.aadObjectId, someone]));
const directory = { findPerson: async (id: string) => byId.get(id) ?? null };

/** What `listPeopleBelow(actor, MAX_CHAIN_LENGTH)` reads, in memory (its contract test is in tests/contract). */
function belowOf(actor: Person): Set<string> {
  const reports = new Map<string, string[]>();
  for (const someone of everyone) {
    if (!someone.managerAadObjectId) continue;
    reports.set(someone.managerAadObjectId, [
      ...(reports.get(someone.managerAadObjectId) ?? []),
      someone.aadObjectId,
    ]);
  }
  const below = new Set<string>();
  let level = [actor.aadObjectId];
  for (let depth = 1; depth <= MAX_CHAIN_LENGTH; depth++) {
    level = level.flatMap((id) => reports.get(id) ?? []);
    for (const id of level) below.add(id);
  }
  below.delete(actor.aadObjectId);
  return below;
}

const actors = [
  boss,
  ...organisation.people.filter((someone) => someone.roles.includes('manager')).slice(1, 12),
  ...organisation.people.filter((someone) => someone.roles.includes('hr')).slice(0, 2),
  ...organisation.people.filter((someone) => someone.roles.includes('it')).slice(0, 2),
  ...organisation.people.filter((someone) => someone.roles.includes('admin')).slice(0, 2),
  ...organisation.people.filter((someone) => someone.roles.join() === 'employee').slice(0, 4),
  ...['departed', 'informal-lead', 'loop-a', 'gone-actor', 'chain-0'].map((id) => byId.get(id)!),
];

describe('deciding who may read whom for a whole schedule at once', () => {
  it.each(['hours.read', 'schedule.read'] as const)(
    'answers %s exactly as the policy does person by person',
    async (action) => {
      let granted = 0;
      for (const actor of actors) {
        const below = belowOf(actor);
        for (const subject of everyone) {
          const expected = await isAllowed(directory, actor, action, subject);
          if (isAllowedAmong(actor, action, subject, below) !== expected) {
            throw new Error(`${action}: ${actor.aadObjectId} → ${subject.aadObjectId} should be ${expected}`);
          }
          if (expected) granted++;
        }
      }
      // Not a vacuous comparison: many grants and many refusals were compared.
      expect(granted).toBeGreaterThan(1_000);
      expect(granted).toBeLessThan(actors.length * everyone.length);
    },
  );

  it('lets a manager read the hours of a report left under a manager who has gone, not past the chain bound', () => {
    const below = belowOf(boss);
    expect(isAllowedAmong(boss, 'hours.read', byId.get('left-behind')!, below)).toBe(true);
    const top = byId.get('chain-0')!;
    const chainBelow = belowOf(top);
    expect(isAllowedAmong(top, 'hours.read', byId.get(`chain-${MAX_CHAIN_LENGTH}`)!, chainBelow)).toBe(true);
    expect(isAllowedAmong(top, 'hours.read', byId.get(`chain-${MAX_CHAIN_LENGTH + 1}`)!, chainBelow)).toBe(
      false,
    );
  });
});
