import { describe, expect, it } from 'vitest';
import {
  publicHolidayCalendar,
  publicHolidayShareOn,
  publicHolidaysOf,
} from '../../../src/domain/rht/public-holidays.js';
import { isDomainError } from '../../../src/domain/shared/errors.js';

describe('public holidays of a canton', () => {
  it("counts Geneva's Restauration de la République and Christmas, not its bank holiday on 26 December", () => {
    const geneva = publicHolidaysOf('GE', 2026);
    expect(geneva.has('2026-12-25')).toBe(true);
    expect(geneva.has('2026-12-31')).toBe(true);
    expect(geneva.has('2026-09-10')).toBe(true); // Jeûne genevois
    expect(geneva.has('2026-12-26')).toBe(false); // type bank
    expect(geneva.has('2026-01-02')).toBe(false); // type bank
  });

  it('leaves out observances and optional days', () => {
    expect(publicHolidaysOf('GE', 2026).has('2026-04-02')).toBe(false); // Jeudi saint, observance
    const zurich = publicHolidaysOf('ZH', 2026);
    expect(zurich.has('2026-01-02')).toBe(false); // Berchtoldstag, optional in ZH
    expect(zurich.has('2026-09-14')).toBe(false); // Knabenschiessen, optional afternoon
    expect(zurich.has('2026-12-26')).toBe(true);
  });

  it('knows Ticino has the Immaculate Conception and St Stephen but no Good Friday', () => {
    const ticino = publicHolidaysOf('TI', 2026);
    expect(ticino.has('2026-12-08')).toBe(true);
    expect(ticino.has('2026-12-26')).toBe(true);
    expect(ticino.has('2026-03-19')).toBe(true);
    expect(ticino.has('2026-04-03')).toBe(false);
  });

  it('knows Vaud has 2 January and the Monday after the Federal Fast, and nothing in November', () => {
    const vaud = [...publicHolidaysOf('VD', 2026)];
    expect(vaud).toContain('2026-01-02');
    expect(vaud).toContain('2026-09-21');
    expect(vaud.filter((date) => date.startsWith('2026-11'))).toEqual([]);
  });

  it('takes the date part of the library dates and counts afternoon holidays as half a day', () => {
    expect(publicHolidayShareOn('VS', '2026-12-24')).toBe(0.5); // '2026-12-24 12:00:00'
    expect(publicHolidayShareOn('VS', '2026-12-25')).toBe(1);
    expect(publicHolidayShareOn('SO', '2026-05-01')).toBe(0.5);
    expect(publicHolidayShareOn('VS', '2026-12-23')).toBe(0);
  });

  it('uses the national list of type public for a person without a canton', () => {
    const national = publicHolidaysOf(null, 2026);
    expect(national.has('2026-08-01')).toBe(true);
    expect(national.has('2026-12-25')).toBe(true);
    expect(national.has('2026-04-03')).toBe(true);
    expect(national.has('2026-12-31')).toBe(false); // Geneva only
    expect(national.has('2026-04-02')).toBe(false); // observance
  });

  it('accepts lower-case codes and caches one calendar per canton and year', () => {
    expect(publicHolidayCalendar('ge', 2026)).toBe(publicHolidayCalendar('GE', 2026));
    expect(publicHolidayCalendar('GE', 2027)).not.toBe(publicHolidayCalendar('GE', 2026));
  });

  it('refuses a canton code that does not exist instead of guessing its holidays', () => {
    let caught: unknown;
    try {
      publicHolidaysOf('XX', 2026);
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught) && caught.code).toBe('input.invalid');
  });
});
