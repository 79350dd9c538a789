import { describe, expect, it } from 'vitest';
import type { AbsenceKind, WorkPlace } from '../../../src/domain/hours/hours-entry.js';
import {
  understandHours,
  type DayStatement,
  type HoursUnderstanding,
  type WorkStatement,
} from '../../../src/language/hours/understand-hours.js';

// Thursday 26 November 2026: Monday is the 23rd, last Friday the 20th.
const TODAY = '2026-11-26';

function understand(text: string, today = TODAY, localeHint?: string): HoursUnderstanding {
  return understandHours({ text, today, ...(localeHint ? { localeHint } : {}) });
}

/** "08:00-12:00" → { start, end } */
function work(minutes: number, ranges: string[] = [], breakMinutes: number | null = null): WorkStatement {
  return {
    minutes,
    ranges: ranges.map((range) => {
      const [start = '', end = ''] = range.split('-');
      return { start, end };
    }),
    breakMinutes,
  };
}

function worked(
  date: string,
  minutes: number,
  options: { ranges?: string[]; breakMinutes?: number | null; place?: WorkPlace } = {},
): DayStatement {
  return {
    date,
    work: work(minutes, options.ranges ?? [], options.breakMinutes ?? null),
    absence: null,
    place: options.place ?? null,
  };
}

function absent(date: string, kind: AbsenceKind, minutes: number | null = null): DayStatement {
  return { date, work: null, absence: { kind, minutes }, place: null };
}

function expectLog(text: string, days: DayStatement[], today = TODAY): HoursUnderstanding {
  const result = understand(text, today);
  expect(result).toMatchObject({ kind: 'log' });
  if (result.kind === 'log') expect(result.days).toEqual(days);
  return result;
}

interface Row {
  text: string;
  days: DayStatement[];
}

const rows = (list: [string, DayStatement[]][]): Row[] => list.map(([text, days]) => ({ text, days }));

describe('understanding hours: a duration without a day is recorded at once for today', () => {
  it.each(
    rows([
      ['8h', [worked(TODAY, 480)]],
      ['7.5h', [worked(TODAY, 450)]],
      ['7,5h', [worked(TODAY, 450)]],
      ['7h30', [worked(TODAY, 450)]],
      ['7h30min', [worked(TODAY, 450)]],
      ['8 hours', [worked(TODAY, 480)]],
      ['eight hours', [worked(TODAY, 480)]],
      ['7 hours and a half', [worked(TODAY, 450)]],
      ['7 and a half hours', [worked(TODAY, 450)]],
      ['7 hours 30 minutes', [worked(TODAY, 450)]],
      ['half an hour', [worked(TODAY, 30)]],
      ['30 min', [worked(TODAY, 30)]],
      ['90 minutes', [worked(TODAY, 90)]],
      ['7 heures et demie', [worked(TODAY, 450)]],
      ['huit heures', [worked(TODAY, 480)]],
      ['une demi-heure', [worked(TODAY, 30)]],
      ['7,5 Std.', [worked(TODAY, 450)]],
      ['8 Stunden', [worked(TODAY, 480)]],
      ['siebeneinhalb Stunden', [worked(TODAY, 450)]],
      ['7 Stunden 30', [worked(TODAY, 450)]],
      ['eine halbe Stunde', [worked(TODAY, 30)]],
      ['sette ore e mezza', [worked(TODAY, 450)]],
      ['otto ore', [worked(TODAY, 480)]],
      ["un'ora", [worked(TODAY, 60)]],
      ["mezz'ora", [worked(TODAY, 30)]],
      ['7 ore e 30 minuti', [worked(TODAY, 450)]],
      ['I worked 8 hours', [worked(TODAY, 480)]],
      ["J'ai travaillé 8h", [worked(TODAY, 480)]],
      ['Ich habe 8 Stunden gearbeitet', [worked(TODAY, 480)]],
      ['Ho lavorato 8 ore', [worked(TODAY, 480)]],
    ]),
  )('"$text"', ({ text, days }) => {
    expectLog(text, days);
  });
});

describe('understanding hours: time ranges, with the stated break subtracted', () => {
  it.each(
    rows([
      ['8-12 and 13:00-17:30', [worked(TODAY, 510, { ranges: ['08:00-12:00', '13:00-17:30'] })]],
      ['de 8h à 12h et de 13h30 à 17h', [worked(TODAY, 450, { ranges: ['08:00-12:00', '13:30-17:00'] })]],
      ['Montag 8-12 und 13-16:30', [worked('2026-11-23', 450, { ranges: ['08:00-12:00', '13:00-16:30'] })]],
      [
        'dalle 8 alle 12 e dalle 13 alle 17',
        [worked(TODAY, 480, { ranges: ['08:00-12:00', '13:00-17:00'] })],
      ],
      ['9 to 17, 1 hour break', [worked(TODAY, 420, { ranges: ['09:00-17:00'], breakMinutes: 60 })]],
      ['9-17 avec 45 min de pause', [worked(TODAY, 435, { ranges: ['09:00-17:00'], breakMinutes: 45 })]],
      [
        'Montag 8-17, Pause 30 Min',
        [worked('2026-11-23', 510, { ranges: ['08:00-17:00'], breakMinutes: 30 })],
      ],
      [
        'dalle 9 alle 18 con pausa di 30 minuti',
        [worked(TODAY, 510, { ranges: ['09:00-18:00'], breakMinutes: 30 })],
      ],
      [
        "dalle 9 alle 18 con un'ora di pausa",
        [worked(TODAY, 480, { ranges: ['09:00-18:00'], breakMinutes: 60 })],
      ],
      [
        'von 8 bis 17 Uhr mit einer Stunde Mittagspause',
        [worked(TODAY, 480, { ranges: ['08:00-17:00'], breakMinutes: 60 })],
      ],
      [
        'de 8h à 17h avec une heure de pause',
        [worked(TODAY, 480, { ranges: ['08:00-17:00'], breakMinutes: 60 })],
      ],
      ['9-17, Pause 12-13', [worked(TODAY, 420, { ranges: ['09:00-17:00'], breakMinutes: 60 })]],
      ['9-17, pause de 12h à 13h', [worked(TODAY, 420, { ranges: ['09:00-17:00'], breakMinutes: 60 })]],
      ['9-17 sans pause', [worked(TODAY, 480, { ranges: ['09:00-17:00'], breakMinutes: 0 })]],
      ['8-16 ohne Pause', [worked(TODAY, 480, { ranges: ['08:00-16:00'], breakMinutes: 0 })]],
      [
        'Mittwoch 8:00-17:00 1h Mittag',
        [worked('2026-11-25', 480, { ranges: ['08:00-17:00'], breakMinutes: 60 })],
      ],
      ['von 8 bis Mittag', [worked(TODAY, 240, { ranges: ['08:00-12:00'] })]],
      [
        'heute von 7:30 bis 16:00, 30 Minuten Pause',
        [worked(TODAY, 480, { ranges: ['07:30-16:00'], breakMinutes: 30 })],
      ],
      ['worked 9-5 with an hour lunch', [worked(TODAY, 420, { ranges: ['09:00-17:00'], breakMinutes: 60 })]],
      ['8h30-12h', [worked(TODAY, 210, { ranges: ['08:30-12:00'] })]],
      ['8.30-12.00 und 13-17', [worked(TODAY, 450, { ranges: ['08:30-12:00', '13:00-17:00'] })]],
      ['9am-5pm', [worked(TODAY, 480, { ranges: ['09:00-17:00'] })]],
      ['9-5pm', [worked(TODAY, 480, { ranges: ['09:00-17:00'] })]],
      [
        'from 8 to 5 with a 30 minute break',
        [worked(TODAY, 510, { ranges: ['08:00-17:00'], breakMinutes: 30 })],
      ],
      ['8-5', [worked(TODAY, 540, { ranges: ['08:00-17:00'] })]],
      ['12-1', [worked(TODAY, 60, { ranges: ['12:00-13:00'] })]],
      ['6-14', [worked(TODAY, 480, { ranges: ['06:00-14:00'] })]],
      ['between 8 and 12', [worked(TODAY, 240, { ranges: ['08:00-12:00'] })]],
      // After a morning range, "1-5" can only be the afternoon.
      [
        'I worked from 8 to 12 and from 1 to 5',
        [worked(TODAY, 480, { ranges: ['08:00-12:00', '13:00-17:00'] })],
      ],
      // A gap between ranges is not a stated break.
      ['8-12 13-17', [worked(TODAY, 480, { ranges: ['08:00-12:00', '13:00-17:00'] })]],
      // Both sides of "Pause" are 4-hour ranges: neither is inside the other, so both are work.
      ['Montag 8-12 Pause 13-17', [worked('2026-11-23', 480, { ranges: ['08:00-12:00', '13:00-17:00'] })]],
    ]),
  )('"$text"', ({ text, days }) => {
    expectLog(text, days);
  });

  it('records a break next to a total without subtracting it', () => {
    expectLog('worked 8h with 30 min lunch', [worked(TODAY, 480, { breakMinutes: 30 })]);
    expectLog('8h Pause 30 min', [worked(TODAY, 480, { breakMinutes: 30 })]);
  });

  it('accepts ranges and a total that agree', () => {
    expectLog('8-12 und 13-17, 8 Stunden', [worked(TODAY, 480, { ranges: ['08:00-12:00', '13:00-17:00'] })]);
  });
});

describe('understanding hours: which day', () => {
  it.each(
    rows([
      ['today 8h', [worked(TODAY, 480)]],
      ["aujourd'hui 8h", [worked(TODAY, 480)]],
      ['heute 8h', [worked(TODAY, 480)]],
      ['oggi 8 ore', [worked(TODAY, 480)]],
      ['yesterday 8h', [worked('2026-11-25', 480)]],
      ['hier 8h', [worked('2026-11-25', 480)]],
      ['gestern 8h', [worked('2026-11-25', 480)]],
      ['ieri 8 ore', [worked('2026-11-25', 480)]],
      ['the day before yesterday 7h', [worked('2026-11-24', 420)]],
      ['avant-hier 7h', [worked('2026-11-24', 420)]],
      ['vorgestern 7h', [worked('2026-11-24', 420)]],
      ["l'altro ieri 7 ore", [worked('2026-11-24', 420)]],
      ['Monday 8h', [worked('2026-11-23', 480)]],
      ['Montag 8h', [worked('2026-11-23', 480)]],
      ['lundi 8h', [worked('2026-11-23', 480)]],
      ['lunedì 8 ore', [worked('2026-11-23', 480)]],
      ['lunedi 8 ore', [worked('2026-11-23', 480)]],
      ['Thursday 8h', [worked(TODAY, 480)]],
      ['Donnerstag 8h', [worked(TODAY, 480)]],
      ['Friday 8h', [worked('2026-11-20', 480)]],
      ['vendredi 8h', [worked('2026-11-20', 480)]],
      ['Freitag 8 Stunden', [worked('2026-11-20', 480)]],
      ['venerdì 8 ore', [worked('2026-11-20', 480)]],
      ['Saturday 4h', [worked('2026-11-21', 240)]],
      ['domenica 3 ore', [worked('2026-11-22', 180)]],
      ['last Thursday 8h', [worked('2026-11-19', 480)]],
      ['lundi dernier 8h', [worked('2026-11-23', 480)]],
      ['letzten Mittwoch 8h', [worked('2026-11-25', 480)]],
      ['giovedì scorso 8 ore', [worked('2026-11-19', 480)]],
      ['25 November 8h', [worked('2026-11-25', 480)]],
      ['November 25 8h', [worked('2026-11-25', 480)]],
      ['25 novembre 8h', [worked('2026-11-25', 480)]],
      ['25. November 8 Stunden', [worked('2026-11-25', 480)]],
      ['il 25 novembre 8 ore', [worked('2026-11-25', 480)]],
      ['25.11. 8h', [worked('2026-11-25', 480)]],
      ['am 25.11. 8 Stunden', [worked('2026-11-25', 480)]],
      ['25.11.2026 8h', [worked('2026-11-25', 480)]],
      ['25.11.2025 8h', [worked('2025-11-25', 480)]],
      ['25/11 8h', [worked('2026-11-25', 480)]],
      ['2026-11-25 8h', [worked('2026-11-25', 480)]],
      ['le 25 8h', [worked('2026-11-25', 480)]],
      ['am 25. 8 Stunden', [worked('2026-11-25', 480)]],
      ['the 24th 8h', [worked('2026-11-24', 480)]],
      ['1er novembre 8h', [worked('2026-11-01', 480)]],
      ['3 days ago 8h', [worked('2026-11-23', 480)]],
      ['il y a 2 jours 8h', [worked('2026-11-24', 480)]],
      ['vor 2 Tagen 8 Stunden', [worked('2026-11-24', 480)]],
      ['2 giorni fa 8 ore', [worked('2026-11-24', 480)]],
      // The day may come after what it qualifies.
      ['8h yesterday', [worked('2026-11-25', 480)]],
      ["J'ai travaillé 8h hier", [worked('2026-11-25', 480)]],
      ['Ich habe gestern 8 Stunden gearbeitet', [worked('2026-11-25', 480)]],
      ['Ho lavorato 8 ore ieri', [worked('2026-11-25', 480)]],
    ]),
  )('"$text"', ({ text, days }) => {
    expectLog(text, days);
  });

  it('resolves a date without a year to its occurrence nearest to today', () => {
    // A planned absence a week ahead stays in the coming days, not eleven months back.
    expectLog('3.12. Ferien', [absent('2026-12-03', 'vacation')]);
    expectLog('22 décembre vacances', [absent('2026-12-22', 'vacation')]);
    expectLog('15.1. Ferien', [absent('2027-01-15', 'vacation')]);
    // Far enough back, the past occurrence is the nearer one.
    expectLog('2 juin 8h', [worked('2026-06-02', 480)]);
    expectLog('1.8. 8h', [worked('2026-08-01', 480)]);
  });

  it('crosses month boundaries', () => {
    const monday = '2026-03-02';
    expectLog('Friday 8h', [worked('2026-02-27', 480)], monday);
    expectLog('gestern 8h', [worked('2026-03-01', 480)], monday);
    expectLog('avant-hier 8h', [worked('2026-02-28', 480)], monday);
    expectLog('28.2. 8h', [worked('2026-02-28', 480)], monday);
    expectLog('le 27 8h', [worked('2026-02-27', 480)], monday);
    expectLog('Monday 8h', [worked(monday, 480)], monday);
    expectLog('last Monday 8h', [worked('2026-02-23', 480)], monday);
  });

  it('crosses year boundaries and knows leap days', () => {
    const monday = '2027-01-04';
    expectLog('30.12. 8h', [worked('2026-12-30', 480)], monday);
    expectLog('31 dicembre 8 ore', [worked('2026-12-31', 480)], monday);
    expectLog('Freitag 8h', [worked('2027-01-01', 480)], monday);
    expectLog('29.2. 8h', [worked('2028-02-29', 480)], '2028-03-01');
    expect(understand('29.2. 8h', TODAY)).toMatchObject({ kind: 'ambiguous', reason: 'invalid_date' });
    expect(understand('31.11. 8h')).toMatchObject({ kind: 'ambiguous', reason: 'invalid_date' });
  });

  it('reads future days for absences: tomorrow, next weekday', () => {
    expectLog('tomorrow vacation', [absent('2026-11-27', 'vacation')]);
    expectLog('demain congé', [absent('2026-11-27', 'vacation')]);
    expectLog('morgen Ferien', [absent('2026-11-27', 'vacation')]);
    expectLog('domani ferie', [absent('2026-11-27', 'vacation')]);
    expectLog('next Thursday vacation', [absent('2026-12-03', 'vacation')]);
    expectLog('vendredi prochain congé', [absent('2026-11-27', 'vacation')]);
    expectLog('nächsten Montag Urlaub', [absent('2026-11-30', 'vacation')]);
  });

  it('does not take "Guten Morgen" or German "hier" (here) for a day', () => {
    expect(understand('Guten Morgen').kind).toBe('not_hours');
    expectLog('Ich war hier 8 Stunden', [worked(TODAY, 480)]);
    // Short weekday names that are ordinary words elsewhere ("so", "di", "do").
    expectLog('4 ore di malattia', [absent(TODAY, 'sick', 240)]);
    expectLog('so 8h', [worked(TODAY, 480)]);
  });
});

describe('understanding hours: absences', () => {
  it.each(
    rows([
      ['vacation today', [absent(TODAY, 'vacation')]],
      ['holidays Monday', [absent('2026-11-23', 'vacation')]],
      ['vacances lundi', [absent('2026-11-23', 'vacation')]],
      ['congé vendredi', [absent('2026-11-20', 'vacation')]],
      ['Ferien Montag', [absent('2026-11-23', 'vacation')]],
      ['Urlaub gestern', [absent('2026-11-25', 'vacation')]],
      ['vacanze ieri', [absent('2026-11-25', 'vacation')]],
      ['ferie lunedì', [absent('2026-11-23', 'vacation')]],
      ['sick yesterday', [absent('2026-11-25', 'sick')]],
      ['malade hier', [absent('2026-11-25', 'sick')]],
      ['gestern krank', [absent('2026-11-25', 'sick')]],
      ['ieri malattia', [absent('2026-11-25', 'sick')]],
      ['ieri ero ammalato', [absent('2026-11-25', 'sick')]],
      ['accident Monday', [absent('2026-11-23', 'accident')]],
      ['Unfall Montag', [absent('2026-11-23', 'accident')]],
      ['infortunio lunedì', [absent('2026-11-23', 'accident')]],
      ['military service Monday', [absent('2026-11-23', 'military')]],
      ['civil service Monday', [absent('2026-11-23', 'military')]],
      ['service militaire lundi', [absent('2026-11-23', 'military')]],
      ['service civil mardi', [absent('2026-11-24', 'military')]],
      ['Militär Montag', [absent('2026-11-23', 'military')]],
      ['Zivildienst heute', [absent(TODAY, 'military')]],
      ['servizio militare lunedì', [absent('2026-11-23', 'military')]],
      ['servizio civile oggi', [absent(TODAY, 'military')]],
      ['training today', [absent(TODAY, 'training')]],
      ['formation mardi', [absent('2026-11-24', 'training')]],
      ['Weiterbildung Montag', [absent('2026-11-23', 'training')]],
      ['Schulung heute', [absent(TODAY, 'training')]],
      ['formazione ieri', [absent('2026-11-25', 'training')]],
      ['public holiday Monday', [absent('2026-11-23', 'holiday')]],
      ['jour férié lundi', [absent('2026-11-23', 'holiday')]],
      ['lundi férié', [absent('2026-11-23', 'holiday')]],
      ['Feiertag Montag', [absent('2026-11-23', 'holiday')]],
      ['giorno festivo lunedì', [absent('2026-11-23', 'holiday')]],
      ['unpaid leave Monday', [absent('2026-11-23', 'unpaid')]],
      ['congé non payé lundi', [absent('2026-11-23', 'unpaid')]],
      ['unbezahlter Urlaub Montag', [absent('2026-11-23', 'unpaid')]],
      ['congedo non pagato lunedì', [absent('2026-11-23', 'unpaid')]],
      // An absence without a day is today, like a duration.
      ['sick', [absent(TODAY, 'sick')]],
      ['je suis malade', [absent(TODAY, 'sick')]],
      ['Ich bin krank', [absent(TODAY, 'sick')]],
      ['sono malato', [absent(TODAY, 'sick')]],
      // An explicit amount sets the minutes.
      ['sick 4h', [absent(TODAY, 'sick', 240)]],
      ['malade 4h', [absent(TODAY, 'sick', 240)]],
      ['krank 4 Stunden', [absent(TODAY, 'sick', 240)]],
      ['4 ore di malattia', [absent(TODAY, 'sick', 240)]],
      ['formation 8-12 lundi', [absent('2026-11-23', 'training', 240)]],
      // A doctor's appointment is filed as sickness.
      ['Arzttermin 2h', [absent(TODAY, 'sick', 120)]],
      ['mardi médecin 1h', [absent('2026-11-24', 'sick', 60)]],
    ]),
  )('"$text"', ({ text, days }) => {
    expectLog(text, days);
  });

  it('records work and an absence of a stated length on the same day', () => {
    expectLog('worked 4h, sick 4h', [
      { date: TODAY, work: work(240), absence: { kind: 'sick', minutes: 240 }, place: null },
    ]);
    expectLog('gestern 4 Stunden gearbeitet und 4 Stunden krank', [
      { date: '2026-11-25', work: work(240), absence: { kind: 'sick', minutes: 240 }, place: null },
    ]);
  });

  it('spans days: lists, ranges of days and "since"', () => {
    expectLog('Montag und Dienstag krank', [absent('2026-11-23', 'sick'), absent('2026-11-24', 'sick')]);
    expectLog('lundi, mardi et mercredi vacances', [
      absent('2026-11-23', 'vacation'),
      absent('2026-11-24', 'vacation'),
      absent('2026-11-25', 'vacation'),
    ]);
    expectLog('sick Monday to Wednesday', [
      absent('2026-11-23', 'sick'),
      absent('2026-11-24', 'sick'),
      absent('2026-11-25', 'sick'),
    ]);
    const threeDays = (kind: AbsenceKind) => [
      absent('2026-11-23', kind),
      absent('2026-11-24', kind),
      absent('2026-11-25', kind),
    ];
    expectLog('du 23 au 25 novembre vacances', threeDays('vacation'));
    expectLog('vom 23. bis 25. November Ferien', threeDays('vacation'));
    expectLog('dal 23 al 25 novembre ferie', threeDays('vacation'));
    expectLog('23-25.11. Ferien', threeDays('vacation'));
    expectLog('Nov 23-25 vacation', threeDays('vacation'));
    expectLog('Montag-Mittwoch krank', threeDays('sick'));
    expectLog('lun-mer congé', threeDays('vacation'));
    expectLog('Mo bis Mi krank', threeDays('sick'));
    expectLog('vacation 23/11-25/11', threeDays('vacation'));
    expectLog('krank seit Montag', [...threeDays('sick'), absent(TODAY, 'sick')]);
    expectLog('malade depuis lundi', [...threeDays('sick'), absent(TODAY, 'sick')]);
    expectLog('du 30 novembre au 2 décembre congé', [
      absent('2026-11-30', 'vacation'),
      absent('2026-12-01', 'vacation'),
      absent('2026-12-02', 'vacation'),
    ]);
  });

  it('spans from today up to a coming day ("until", "jusqu\'à", "bis", "fino a")', () => {
    const todayAndTomorrow = (kind: AbsenceKind) => [absent(TODAY, kind), absent('2026-11-27', kind)];
    expectLog('sick until Friday', todayAndTomorrow('sick'));
    expectLog("malade jusqu'à vendredi", todayAndTomorrow('sick'));
    expectLog('Ferien bis Freitag', todayAndTomorrow('vacation'));
    expectLog('ferie fino a venerdì', todayAndTomorrow('vacation'));
    expectLog("en vacances jusqu'au 28 novembre", [
      absent(TODAY, 'vacation'),
      absent('2026-11-27', 'vacation'),
      absent('2026-11-28', 'vacation'),
    ]);
  });

  it('records nothing for a day off, and the other days of the message', () => {
    expectLog('Montag: 8 Std. Dienstag: 7,5 Std. Mittwoch: frei', [
      worked('2026-11-23', 480),
      worked('2026-11-24', 450),
    ]);
    expect(understand('Mittwoch frei').kind).toBe('not_hours');
  });

  it('ignores a negated absence', () => {
    expectLog('not sick, 8h', [worked(TODAY, 480)]);
    expectLog('je ne suis pas malade, 8h', [worked(TODAY, 480)]);
    expectLog('nicht krank, 8 Stunden', [worked(TODAY, 480)]);
  });
});

describe('understanding hours: places', () => {
  it.each(
    rows([
      ['8h from home', [worked(TODAY, 480, { place: 'home' })]],
      ['home office 8h', [worked(TODAY, 480, { place: 'home' })]],
      ['télétravail 8h', [worked(TODAY, 480, { place: 'home' })]],
      ['8h à la maison', [worked(TODAY, 480, { place: 'home' })]],
      ['8 Stunden Homeoffice', [worked(TODAY, 480, { place: 'home' })]],
      ['zu Hause 8h', [worked(TODAY, 480, { place: 'home' })]],
      ['da casa 8 ore', [worked(TODAY, 480, { place: 'home' })]],
      ['telelavoro 8 ore', [worked(TODAY, 480, { place: 'home' })]],
      ['8h at the office', [worked(TODAY, 480, { place: 'office' })]],
      ['bureau 8h', [worked(TODAY, 480, { place: 'office' })]],
      ['im Büro 8 Stunden', [worked(TODAY, 480, { place: 'office' })]],
      ['im Buero 8 Stunden', [worked(TODAY, 480, { place: 'office' })]],
      ['in ufficio 8 ore', [worked(TODAY, 480, { place: 'office' })]],
      ['store 8h', [worked(TODAY, 480, { place: 'store' })]],
      ['magasin 8h', [worked(TODAY, 480, { place: 'store' })]],
      ['Laden 8h', [worked(TODAY, 480, { place: 'store' })]],
      ['Filiale 8 Stunden', [worked(TODAY, 480, { place: 'store' })]],
      ['negozio 8 ore', [worked(TODAY, 480, { place: 'store' })]],
      [
        'oggi in ufficio dalle 8 alle 17 pausa 1h',
        [worked(TODAY, 480, { ranges: ['08:00-17:00'], breakMinutes: 60, place: 'office' })],
      ],
      ['8h yesterday, from home', [worked('2026-11-25', 480, { place: 'home' })]],
      ['worked 7 hours yesterday from home', [worked('2026-11-25', 420, { place: 'home' })]],
      [
        'Oggi ho lavorato da casa dalle 9 alle 17',
        [worked(TODAY, 480, { ranges: ['09:00-17:00'], place: 'home' })],
      ],
    ]),
  )('"$text"', ({ text, days }) => {
    expectLog(text, days);
  });

  it('splits a day worked in two places into one statement per place', () => {
    const split = [worked(TODAY, 240, { place: 'office' }), worked(TODAY, 240, { place: 'home' })];
    expectLog('4h Büro, 4h Homeoffice', split);
    expectLog('Büro 4h, Homeoffice 4h', split);
    expectLog('Yesterday: 8-12 office, 13-17 home', [
      worked('2026-11-25', 240, { ranges: ['08:00-12:00'], place: 'office' }),
      worked('2026-11-25', 240, { ranges: ['13:00-17:00'], place: 'home' }),
    ]);
  });
});

describe('understanding hours: several days in one message', () => {
  it.each(
    rows([
      ['Monday 8h, Tuesday 7h30', [worked('2026-11-23', 480), worked('2026-11-24', 450)]],
      ['lundi 8h mardi malade', [worked('2026-11-23', 480), absent('2026-11-24', 'sick')]],
      ['Montag 8h, Dienstag 7,5 Std.', [worked('2026-11-23', 480), worked('2026-11-24', 450)]],
      ['lunedì 8 ore, martedì ferie', [worked('2026-11-23', 480), absent('2026-11-24', 'vacation')]],
      ['8h Monday, 7h Tuesday', [worked('2026-11-23', 480), worked('2026-11-24', 420)]],
      ['8h yesterday and 7h today', [worked('2026-11-25', 480), worked(TODAY, 420)]],
      ['8h, Monday 7h', [worked(TODAY, 480), worked('2026-11-23', 420)]],
      [
        'Monday 8h Tuesday 8h Wednesday sick',
        [worked('2026-11-23', 480), worked('2026-11-24', 480), absent('2026-11-25', 'sick')],
      ],
      [
        'lundi: 8h-12h, 13h-17h; mardi: malade',
        [worked('2026-11-23', 480, { ranges: ['08:00-12:00', '13:00-17:00'] }), absent('2026-11-24', 'sick')],
      ],
      [
        'Lundi 7h30 au bureau, mardi 8h en télétravail',
        [worked('2026-11-23', 450, { place: 'office' }), worked('2026-11-24', 480, { place: 'home' })],
      ],
      ['Monday and Tuesday 8h', [worked('2026-11-23', 480), worked('2026-11-24', 480)]],
      ['Mon 8h Tue 8h', [worked('2026-11-23', 480), worked('2026-11-24', 480)]],
      [
        'Mo 8h, Di 7,5h, Mi krank',
        [worked('2026-11-23', 480), worked('2026-11-24', 450), absent('2026-11-25', 'sick')],
      ],
      ['lun 8h mar 7h30', [worked('2026-11-23', 480), worked('2026-11-24', 450)]],
      [
        'Montag bis Mittwoch je 8 Stunden',
        [worked('2026-11-23', 480), worked('2026-11-24', 480), worked('2026-11-25', 480)],
      ],
    ]),
  )('"$text"', ({ text, days }) => {
    expectLog(text, days);
  });
});

describe('understanding hours: replacing what was recorded', () => {
  it.each([
    'Monday 7h instead',
    'plutôt 7h lundi',
    'lundi 7h plutôt',
    'Montag stattdessen 7 Stunden',
    'invece 7 ore lunedì',
    'correction: Monday 7h',
    'korrigiere Montag 7h',
  ])('"%s" replaces Monday with 7 hours', (text) => {
    const result = expectLog(text, [worked('2026-11-23', 420)]);
    expect(result).toMatchObject({ kind: 'log', replace: true });
  });

  it('takes back an amount said to be wrong, and treats the message as a correction', () => {
    for (const text of [
      'lundi 7h au lieu de 8h',
      "lundi c'était 7h et pas 8h",
      'not 8h but 7h on Monday',
      'Montag 7 Stunden statt 8',
      'lunedì 7 ore invece di 8',
    ]) {
      expect(understand(text), text).toEqual({
        kind: 'log',
        language: expect.any(String),
        replace: true,
        days: [worked('2026-11-23', 420)],
      });
    }
  });

  it('adds by default', () => {
    expect(understand('Monday 7h')).toMatchObject({ kind: 'log', replace: false });
  });
});

describe('understanding hours: plain numbers', () => {
  it('takes a plain number for hours only next to a day, a place or a work verb', () => {
    expect(understand('8').kind).toBe('not_hours');
    expect(understand('42').kind).toBe('not_hours');
    expectLog('8 today', [worked(TODAY, 480)]);
    expectLog('Monday 8', [worked('2026-11-23', 480)]);
    expectLog('lundi 7,5', [worked('2026-11-23', 450)]);
    expectLog('worked 8', [worked(TODAY, 480)]);
    expectLog('Mittwoch 7:30', [worked('2026-11-25', 450)]);
  });
});

describe('understanding hours: incomplete messages get a question, not a guess', () => {
  it.each([
    ['worked from home', 'day_and_duration', { place: 'home' }],
    ["j'ai travaillé", 'day_and_duration', {}],
    ['log my hours', 'day_and_duration', {}],
    ['ab 8 Uhr gearbeitet', 'day_and_duration', {}],
    ['yesterday I worked from home', 'duration', { date: '2026-11-25', place: 'home' }],
    ['heute Homeoffice', 'duration', { date: TODAY, place: 'home' }],
    ['oggi in ufficio', 'duration', { date: TODAY, place: 'office' }],
    ['lundi 8h, mardi', 'duration', { date: '2026-11-24' }],
    [
      "malade l'après-midi",
      'duration',
      { date: TODAY, work: null, absence: { kind: 'sick', minutes: null }, place: null },
    ],
    [
      'heute Nachmittag krank',
      'duration',
      { date: TODAY, work: null, absence: { kind: 'sick', minutes: null }, place: null },
    ],
    [
      'demi-journée de congé vendredi',
      'duration',
      { date: '2026-11-20', work: null, absence: { kind: 'vacation', minutes: null }, place: null },
    ],
    [
      'I was sick yesterday afternoon, worked 8-12',
      'duration',
      {
        date: '2026-11-25',
        work: work(240, ['08:00-12:00']),
        absence: { kind: 'sick', minutes: null },
        place: null,
      },
    ],
    ['3 jours de vacances', 'day', { absence: { kind: 'vacation', minutes: null } }],
    ['40 Stunden diese Woche', 'day', {}],
  ] as const)('"%s" misses the %s', (text, missing, partial) => {
    expect(understand(text)).toEqual({ kind: 'incomplete', language: expect.any(String), missing, partial });
  });
});

describe('understanding hours: what reads two ways is asked about', () => {
  it('offers the night and the afternoon for "1-5"', () => {
    expect(understand('1-5')).toEqual({
      kind: 'ambiguous',
      language: 'en',
      reason: 'range_am_or_pm',
      readings: [
        [worked(TODAY, 240, { ranges: ['01:00-05:00'] })],
        [worked(TODAY, 240, { ranges: ['13:00-17:00'] })],
      ],
    });
  });

  it('offers both readings when ranges and the total disagree', () => {
    expect(understand('8-17, 8h')).toEqual({
      kind: 'ambiguous',
      language: 'en',
      reason: 'ranges_and_total_disagree',
      readings: [[worked(TODAY, 540, { ranges: ['08:00-17:00'] })], [worked(TODAY, 480)]],
    });
  });

  it('offers 7.5 hours for "75h" and never records more than 24 hours in a day', () => {
    expect(understand('75h')).toMatchObject({
      kind: 'ambiguous',
      reason: 'more_than_24_hours',
      readings: [[worked(TODAY, 450)]],
    });
    expect(understand('Montag 150 Stunden')).toMatchObject({
      kind: 'ambiguous',
      reason: 'more_than_24_hours',
      readings: [],
    });
    expect(understand('Monday 20h and 10h')).toMatchObject({
      kind: 'ambiguous',
      reason: 'more_than_24_hours',
    });
  });

  it('asks about a vague amount, a range that ends before it starts, and a break longer than the work', () => {
    expect(understand('8-9 hours')).toMatchObject({
      kind: 'ambiguous',
      reason: 'duration_range',
      readings: [[worked(TODAY, 480)], [worked(TODAY, 540)]],
    });
    expect(understand('22-6')).toMatchObject({
      kind: 'ambiguous',
      reason: 'range_ends_before_start',
      readings: [],
    });
    expect(understand('08:00-05:00')).toMatchObject({ kind: 'ambiguous', reason: 'range_ends_before_start' });
    expect(understand('8-8')).toMatchObject({
      kind: 'ambiguous',
      reason: 'empty_range',
      readings: [[worked(TODAY, 720, { ranges: ['08:00-20:00'] })]],
    });
    expect(understand('12-13, 2h break')).toMatchObject({
      kind: 'ambiguous',
      reason: 'break_longer_than_work',
    });
  });
});

describe('understanding hours: what is not about hours', () => {
  it.each([
    'my VPN does not connect',
    'mon VPN ne se connecte pas',
    'VPN down for 2 hours today',
    'help',
    'aide',
    'Hilfe',
    'I need a headset',
    "J'ai besoin d'un nouvel écran",
    'Ich brauche einen neuen Bildschirm',
    'mi serve un portatile nuovo, il mio laptop è rotto',
    'when am I in the office?',
    'quand suis-je au bureau',
    'wann bin ich im Büro',
    'quando sono in ufficio',
    'how many hours did I work this week',
    'did I log Monday?',
    'show my hours',
    'Zeig mir meine Stunden von gestern',
    'montre-moi mes heures',
    'mostrami le mie ore',
    '8h?',
    'hello',
    'Bonjour',
    'Grüezi',
    'ciao',
    'thanks!',
    'asdf',
    '',
    '   ',
    'Monday',
    'office',
    '8',
  ])('"%s"', (text) => {
    expect(understand(text).kind).toBe('not_hours');
  });

  it('still records hours that mention a support problem next to an explicit work verb', () => {
    expectLog('worked 8h, VPN was slow', [worked(TODAY, 480)]);
  });
});

describe('understanding hours: the language of the reply', () => {
  it('follows the words before the locale hint', () => {
    expect(
      understandHours({ text: 'Ich habe heute 8 Stunden gearbeitet', localeHint: 'en-US', today: TODAY }),
    ).toMatchObject({
      kind: 'log',
      language: 'de',
    });
    expect(understandHours({ text: 'malade hier', localeHint: 'en-US', today: TODAY })).toMatchObject({
      language: 'fr',
    });
    expect(understandHours({ text: 'ieri 8 ore', localeHint: 'de-CH', today: TODAY })).toMatchObject({
      language: 'it',
    });
  });

  it('falls back to the locale hint when the words do not tell', () => {
    expect(understandHours({ text: '8h', localeHint: 'fr-CH', today: TODAY })).toMatchObject({
      language: 'fr',
    });
    expect(understandHours({ text: 'asdf', localeHint: 'it-IT', today: TODAY })).toMatchObject({
      kind: 'not_hours',
      language: 'it',
    });
  });
});

describe('understanding hours: long input', () => {
  // Speed is measured in bench/, never asserted here (a shared, noisy machine).
  it('does not read pasted documents', () => {
    expect(understand('Monday 8h '.repeat(1000)).kind).toBe('not_hours');
  });

  it('answers long and repetitive input without failing', () => {
    for (const text of [
      '8-'.repeat(700),
      '1 '.repeat(700),
      'Büro 4h Homeoffice 4h '.repeat(65),
      'a'.repeat(1400),
    ]) {
      expect(['log', 'incomplete', 'ambiguous', 'not_hours']).toContain(understand(text).kind);
    }
  });
});
