import { describe, expect, it } from 'vitest';
import type { HoursDaySummary } from '../../../src/domain/hours/hours-entry.js';
import { sumPackedEntries } from '../../../src/storage/hours-repository.js';
import { FIELD, RECORD } from '../../../src/storage/packed-rows.js';

/** One date's entries as the database packs them: id, worked minutes, absence kind or nothing. */
const packed = (entries: [string, number, string?][]) =>
  entries
    .map(([id, minutes, absence]) => `${id}${FIELD}${minutes}${absence === undefined ? '' : FIELD + absence}`)
    .join(RECORD);

function summarise(entries: [string, number, string?][]) {
  const summaries: HoursDaySummary[] = [];
  const several = new Set<HoursDaySummary>();
  sumPackedEntries('2033-05-02', packed(entries), summaries, several);
  return { summaries, several: [...several].map((day) => day.aadObjectId) };
}

describe('day summaries from packed entries', () => {
  const expected = {
    summaries: [
      { aadObjectId: 'a', date: '2033-05-02', workedMinutes: 30, absenceKind: null },
      { aadObjectId: 'b', date: '2033-05-02', workedMinutes: 0, absenceKind: 'sick' },
      { aadObjectId: 'c', date: '2033-05-02', workedMinutes: 75, absenceKind: null },
    ],
    several: ['c'],
  };

  it('sums each person’s entries given in the order of their ids (as SQLite reads the index)', () => {
    expect(
      summarise([
        ['a', 10],
        ['a', 20],
        ['b', 0, 'sick'],
        ['b', 0, 'sick'],
        ['c', 60, undefined],
        ['c', 0, 'vacation'],
        ['c', 15],
        ['c', 0, 'sick'],
      ]),
    ).toEqual(expected);
  });

  it('gives the same days for the same entries in any order (as PostgreSQL may read the table)', () => {
    const shuffled = summarise([
      ['c', 0, 'sick'],
      ['a', 10],
      ['b', 0, 'sick'],
      ['c', 60],
      ['a', 20],
      ['c', 0, 'vacation'],
      ['b', 0, 'sick'],
      ['c', 15],
    ]);
    expect(shuffled.summaries.sort((x, y) => x.aadObjectId.localeCompare(y.aadObjectId))).toEqual(
      expected.summaries,
    );
    expect(shuffled.several).toEqual(expected.several);
  });

  it('reads nothing from no entries', () => {
    const summaries: HoursDaySummary[] = [];
    sumPackedEntries('2033-05-02', null, summaries, new Set());
    expect(summaries).toEqual([]);
  });
});
