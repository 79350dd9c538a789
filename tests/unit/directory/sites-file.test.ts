import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../../src/domain/directory/directory-file.js';
import { SWISS_CANTONS, parseSitesFile } from '../../../src/domain/directory/sites-file.js';

const HEADER = 'id,name,canton,kind,seats';
const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

describe('reading a sites file', () => {
  it('reads a good file, with the default capacity cap and no staffing rules', () => {
    const file = parseSitesFile(
      csv(HEADER, 'HQ,Head office Lausanne,VD,office,240', 'S001,Genève Rive,ge,Store,0'),
    );

    expect(file.problems).toEqual([]);
    expect(file.rows).toEqual([
      {
        line: 2,
        site: {
          id: 'HQ',
          name: 'Head office Lausanne',
          canton: 'VD',
          kind: 'office',
          seats: 240,
          capPercent: 50,
          minStaff: null,
          openDays: null,
        },
      },
      {
        line: 3,
        site: expect.objectContaining({ id: 'S001', canton: 'GE', kind: 'store', seats: 0 }),
      },
    ]);
  });

  it('knows the 26 cantons', () => {
    expect(new Set(SWISS_CANTONS).size).toBe(26);
  });

  it('reads the optional columns: cap, minimum staff and open days', () => {
    const file = parseSitesFile(
      csv(
        HEADER + ',cap_percent,min_staff,open_days',
        'S001,Bern Bahnhof,BE,store,12,30,2,"Mon;Tue;Wed;Thu;Fri;Sat"',
        'S002,Lugano,TI,store,8,100%,0,mon-sat',
        'S003,Zürich,ZH,store,8,,,',
      ),
    );

    expect(file.problems).toEqual([]);
    expect(file.rows.map(({ site }) => [site.capPercent, site.minStaff, site.openDays])).toEqual([
      [30, 2, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']],
      [100, 0, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']],
      [50, null, null],
    ]);
  });

  it('accepts a byte order mark and the ";" separator of Swiss Excel', () => {
    const file = parseSitesFile(
      '\uFEFF' + csv('id;name;canton;kind;seats;open_days', 'S001;Sion;VS;store;6;"Mon;Sat"'),
    );

    expect(file.problems).toEqual([]);
    expect(file.rows[0]?.site).toMatchObject({ id: 'S001', canton: 'VS', openDays: ['Mon', 'Sat'] });
  });

  it('ignores columns it does not know', () => {
    const file = parseSitesFile(csv(HEADER + ',address', 'S001,Sion,VS,store,6,"Rue du Rhône 1, Sion"'));

    expect(file.problems).toEqual([]);
    expect(file.rows).toHaveLength(1);
  });

  it('names every missing column in one problem on the header line', () => {
    const file = parseSitesFile(csv('id,name,seats', 'S001,Sion,6'));

    expect(file.rows).toEqual([]);
    expect(file.problems).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('columns canton and kind') }),
    ]);
  });

  it('reports each bad value with its line and column', () => {
    const file = parseSitesFile(
      csv(
        HEADER + ',cap_percent,min_staff,open_days',
        'S001,Paris,FR-75,store,6,,,', // 2: not a canton code
        'S002,Basel,BS,warehouse,6,,,', // 3
        'S003,Chur,GR,store,six,,,', // 4
        'S004,Zug,ZG,store,-1,,,', // 5
        'S005,Aarau,AG,store,5.5,,,', // 6
        'S006,Olten,SO,store,6,0,,', // 7
        'S007,Thun,BE,store,6,101,,', // 8
        'S008,Sitten,VS,store,6,,1.5,', // 9
        'S009,Biel,BE,store,6,,,"Mon;Someday"', // 10
        ',Nowhere,BE,store,6,,,', // 11
        'S011,,BE,store,6,,,', // 12
        'S012,Fine,ZH,office,6,,,', // 13
      ),
    );

    expect(file.rows.map((row) => row.site.id)).toEqual(['S012']);
    expect(file.problems.map(describeProblem)).toEqual([
      'line 2, column canton: "FR-75" is not a Swiss canton; use its two-letter code, e.g. GE, VD, TI or ZH',
      'line 3, column kind: "warehouse" is not a kind of site; use office or store',
      'line 4, column seats: "six" is not a whole number',
      'line 5, column seats: "-1" is not a whole number',
      'line 6, column seats: "5.5" is not a whole number',
      'line 7, column cap_percent: 0 is not between 1 and 100',
      'line 8, column cap_percent: 101 is not between 1 and 100',
      'line 9, column min_staff: "1.5" is not a whole number',
      'line 10, column open_days: "Someday" is not a weekday; use Mon, Tue, Wed, Thu, Fri, Sat, Sun separated by ";"',
      'line 11, column id: the id is empty',
      'line 12, column name: the name is empty',
    ]);
  });

  it('reports a site listed twice, pointing at the first line', () => {
    const file = parseSitesFile(
      csv(HEADER, 'S001,Sion,VS,store,6', 'S002,Biel,BE,store,6', 'S001,Sion 2,VS,store,6'),
    );

    expect(file.rows).toHaveLength(2);
    expect(file.problems).toEqual([
      { line: 4, column: 'id', message: '"S001" is already listed on line 2; each site must appear once' },
    ]);
  });
});
