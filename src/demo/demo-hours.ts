/**
 * Two months of demo hours for the demo organisation: the whole previous calendar month and the
 * current month up to yesterday (today stays open for the user to log), so the RHT report of the
 * previous month is a complete, eligible claim and the current month is a provisional one.
 *
 * The picture is a retailer in a crisis on short-time work (RHT / Kurzarbeit):
 * - Stores work reduced hours: staff work about 45–80 % of their target, mostly as short shifts
 *   (a morning or an afternoon) and now and then a whole day off, which is lost time. A whole day
 *   off has no record at all — the product has no "no work today" record yet — so such days also
 *   show as missing days in the week card. Store managers work 80–95 %.
 * - The head office works mostly from home (place `home`), with one office day a week for most
 *   people (the office rotation), except the warehouse and facility teams who are on site (place
 *   `office`). Teams that the crisis keeps busy (IT, HR, payroll, customer service, e-commerce,
 *   management) work nearly full time; the others 60–95 %.
 * - Days are written the way people log them: one or two time ranges with a lunch break in
 *   between (08:00–12:00 + 13:00–16:30), a single range with a stated break, or a short shift
 *   without a break; a few people only log durations. Breaks always meet ArGV 1 art. 18 (15 min
 *   past 5.5 h, 30 min past 7 h, 60 min past 9 h); days run from 07:15 to 19:00 at the latest, so the
 *   11-hour daily rest and the 45-hour week (ArG art. 9, 15a) are kept too.
 * - Absences: sick spells (about 1–3 % of work days), a vacation week for about 8 % of people, a
 *   few accidents and military service courses of two to three weeks, training half-days.
 *   Whole-day absences carry the day's target, as the bot records them.
 * - Nothing on days without a target: non-work days of the contract (Saturday only for Tuesday–
 *   Saturday store contracts) and the canton's public holidays; on an afternoon holiday (VS, SO)
 *   people work the morning only.
 * - A few people forgot to log one or two days of the past week, and Alex Wilber (the Playground's
 *   user) logged every day but his latest work day this week, so the reminder and "my week" have
 *   something to show. A few store staff without a device have their hours entered by their store
 *   manager.
 *
 * Pure and deterministic: the same organisation, seed and `today` give the same entries (ids come
 * from `newId`, in order). 50,000–85,000 entries (depending on the day of the month) in 150–300 ms
 * once warm; the first run also builds the cantons' holiday calendars (about half a second).
 */
import type { Contract, Person, Site } from '../domain/directory/people.js';
import { requiredBreakMinutes } from '../domain/hours/hours-checks.js';
import type { AbsenceKind, HoursEntry, WorkPlace } from '../domain/hours/hours-entry.js';
import { targetsForRange, type DayTarget } from '../domain/rht/daily-targets.js';
import { addDays, dayOfWeek, toCalendarDate, type CalendarDate } from '../domain/shared/calendar-date.js';
import { ALEX_WILBER_AAD_OBJECT_ID, type DemoOrganisation } from './demo-organisation.js';

export interface DemoHoursOptions {
  organisation: DemoOrganisation;
  /** The organisation's local date: entries end the day before. */
  today: CalendarDate;
  newId: () => string;
  seed?: number;
  /** When the entries were "entered": the seed's instant, also written in their history. */
  createdAt: string;
}

/** The day the Federal Council extended short-time work to more employees; any number would do. */
const DEFAULT_SEED = 20200320;

/** The first day of the previous month to yesterday, both included. */
export function demoHoursPeriod(today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return { from: toCalendarDate(year, month - 1, 1), to: addDays(today, -1) };
}

/** mulberry32, as the organisation generator uses: fast, small, plenty for plausible demo data. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const between = (min: number, max: number): number => min + next() * (max - min);
  const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)] as T;
  const chance = (probability: number): boolean => next() < probability;
  return { next, int, between, pick, chance };
}
type Random = ReturnType<typeof createRandom>;

/** FNV-1a: gives each person their own stream, so one person's data does not depend on another's. */
function hashOf(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const H = 60;
/** Up to 5.5 h in one go no break is due (ArGV 1 art. 18), so shorter days are a single range. */
const ONE_RANGE_MAX_MINUTES = 5.5 * H;
/** Stores close at 19:00 on weekdays and 17:00 on Saturdays. */
const STORE_CLOSES = 19 * H;
const STORE_CLOSES_SATURDAY = 17 * H;
const NOON = 12 * H;

// Shares of people and days, chosen so the company loses about a quarter of its normal hours:
// a claim well above the 10 % minimum, with store staff carrying most of the loss.
const SICK_SPELL_CHANCE_PER_DAY = 0.009;
const VACATION_WEEK_SHARE = 0.08;
const TRAINING_HALF_DAY_SHARE = 0.06;
const FORGETFUL_SHARE = 0.04;
const ON_BEHALF_SHARE = 0.06;
const DURATIONS_ONLY_SHARE = 0.03;
const MILITARY_PEOPLE = 6;
const ACCIDENT_PEOPLE = 8;

/** Share of the target worked on an ordinary day, per head-office team (default for the rest). */
const HEAD_OFFICE_WORK_RATES: Readonly<Record<string, readonly [number, number]>> = {
  Management: [0.95, 1],
  HR: [0.9, 1],
  Payroll: [0.9, 1],
  'IT Support': [0.95, 1],
  'IT Infrastructure': [0.9, 1],
  'IT Applications': [0.8, 0.95],
  'E-Commerce': [0.9, 1],
  'Customer Service': [0.85, 1],
  Finance: [0.8, 0.95],
  Controlling: [0.75, 0.9],
  'Legal & Compliance': [0.8, 0.95],
};
const HEAD_OFFICE_DEFAULT_RATE = [0.6, 0.85] as const;
/** Warehouse and building work cannot be done from home. */
const ON_SITE_TEAMS: ReadonlySet<string> = new Set(['Logistics', 'Facility Management']);

type Workplace = 'store' | 'head_office';

interface Habits {
  workplace: Workplace;
  manager: boolean;
  /** Share of the target worked over ordinary work days. */
  rate: number;
  /** Store staff: chance of a whole day without work. */
  dayOffChance: number;
  /** Usual start and lunch time, and lunch break, in minutes. */
  start: number;
  lunch: number;
  lunchBreak: number;
  /** Store staff: works the late shift (10:00–19:00) on some days. */
  lateShiftChance: number;
  /** Head office: the weekday (0 = Sunday) of their office-rotation day, if any. */
  officeDay: number | null;
  onSite: boolean;
  /** Head office at home: logs "08:30–17:00, 30 min break" rather than two ranges. */
  statedBreakChance: number;
  durationsOnly: boolean;
  enteredBy: string;
}

type DayPlan = 'work' | 'off' | 'missing' | 'training' | Exclude<AbsenceKind, 'holiday' | 'training'>;

interface PlannedDay {
  target: DayTarget;
  plan: DayPlan;
}

const quarterHour = (minutes: number) => Math.round(minutes / 15) * 15;
const CLOCK = Array.from(
  { length: 24 * H + 1 },
  (_, minute) => `${String(Math.floor(minute / H)).padStart(2, '0')}:${String(minute % H).padStart(2, '0')}`,
);

function habitsOf(person: Person, site: Site | undefined, random: Random): Habits {
  const workplace: Workplace = site?.kind === 'store' ? 'store' : 'head_office';
  const manager = person.roles.includes('manager');
  const enteredBy =
    workplace === 'store' && !manager && person.managerAadObjectId && random.chance(ON_BEHALF_SHARE)
      ? person.managerAadObjectId
      : person.aadObjectId;
  const durationsOnly = random.chance(DURATIONS_ONLY_SHARE);
  if (workplace === 'store') {
    const rate = manager ? random.between(0.8, 0.95) : random.between(0.45, 0.8);
    return {
      workplace,
      manager,
      rate,
      // The more a person's hours are cut, the likelier a whole day off: 4–12 % of their days.
      dayOffChance: manager ? 0 : 0.04 + (0.08 * (0.8 - rate)) / 0.35,
      start: random.pick([7 * H + 45, 8 * H, 8 * H, 8 * H + 30]),
      lunch: random.pick([12 * H, 12 * H, 12 * H + 30]),
      lunchBreak: random.pick([30, 45, 60, 60]),
      lateShiftChance: manager ? 0.1 : random.pick([0, 0.2, 0.4]),
      officeDay: null,
      onSite: true,
      statedBreakChance: 0,
      durationsOnly,
      enteredBy,
    };
  }
  const [low, high] = HEAD_OFFICE_WORK_RATES[person.team ?? ''] ?? HEAD_OFFICE_DEFAULT_RATE;
  const onSite = ON_SITE_TEAMS.has(person.team ?? '');
  return {
    workplace,
    manager,
    rate: manager ? Math.max(random.between(low, high), 0.9) : random.between(low, high),
    dayOffChance: 0,
    start: random.pick([7 * H + 30, 8 * H, 8 * H, 8 * H + 15, 8 * H + 30, 8 * H + 30, 9 * H]),
    lunch: random.pick([12 * H, 12 * H, 12 * H + 15, 12 * H + 30]),
    lunchBreak: random.pick([30, 30, 45, 60]),
    lateShiftChance: 0,
    // Most of head office takes one office day a week, on a weekday of their rotation cohort.
    officeDay: onSite || random.chance(0.2) ? null : random.int(1, 5),
    onSite,
    statedBreakChance: random.pick([0, 0, 0.2, 0.5]),
    durationsOnly,
    enteredBy,
  };
}

/** The share of the day's target worked on an ordinary work day. */
function workedShare(habits: Habits, random: Random): number {
  if (habits.workplace === 'store' && !habits.manager) {
    // Short-time work in a store is mostly short shifts: a share of full days and half days whose
    // mean, over the days actually worked, is the person's rate.
    const meanOverWorkedDays = habits.rate / (1 - habits.dayOffChance);
    const fullDayChance = Math.min(1, Math.max(0, (meanOverWorkedDays - 0.525) / 0.475));
    return random.chance(fullDayChance) ? random.between(0.95, 1.05) : random.between(0.45, 0.6);
  }
  return Math.min(1.05, Math.max(0.4, random.between(habits.rate - 0.1, habits.rate + 0.1)));
}

interface LaidOutDay {
  ranges: { start: number; end: number }[];
  statedBreak: number | null;
}

/** Puts a day's worked minutes on the clock, with a break that meets the law. */
function layOut(
  worked: number,
  habits: Habits,
  random: Random,
  day: { saturday: boolean; morningOnly: boolean; place: WorkPlace },
): LaidOutDay {
  const jitter = random.chance(0.3) ? random.pick([-15, 15]) : 0;
  const start = habits.start + jitter;
  if (day.morningOnly) {
    return { ranges: [{ start, end: Math.min(start + worked, NOON) }], statedBreak: null };
  }
  if (worked <= ONE_RANGE_MAX_MINUTES) {
    const closes = day.saturday ? STORE_CLOSES_SATURDAY : STORE_CLOSES;
    if (habits.workplace === 'store' && random.chance(0.4)) {
      // An afternoon shift up to closing time.
      const end = closes - random.pick([0, 30, 60]);
      return { ranges: [{ start: end - worked, end }], statedBreak: null };
    }
    return { ranges: [{ start, end: start + worked }], statedBreak: null };
  }
  // Saturdays start early with a short lunch, so a full day ends around the 17:00 closing.
  const pause = day.saturday
    ? Math.max(30, requiredBreakMinutes(worked))
    : Math.max(habits.lunchBreak, requiredBreakMinutes(worked));
  // A late starter with a long day starts earlier, so that the day ends by closing time.
  const early = Math.min(start, STORE_CLOSES - worked - pause);
  if (day.place === 'home' && random.chance(habits.statedBreakChance)) {
    return { ranges: [{ start: early, end: early + worked + pause }], statedBreak: pause };
  }
  const late =
    !day.saturday && worked <= 8 * H && habits.lateShiftChance > 0 && random.chance(habits.lateShiftChance);
  const shiftStart = late ? 10 * H : day.saturday ? Math.min(early, 7 * H + 45) : early;
  const lunch = late ? 13 * H + 30 : habits.lunch;
  // At least two hours after lunch, so the afternoon is a real stint.
  const morning = Math.min(lunch - shiftStart, worked - 2 * H);
  const afternoonStart = shiftStart + morning + pause;
  return {
    ranges: [
      { start: shiftStart, end: shiftStart + morning },
      { start: afternoonStart, end: afternoonStart + worked - morning },
    ],
    statedBreak: null,
  };
}

/** Contract periods and canton: people who share them share their daily targets. */
function targetKey(contracts: readonly Contract[], canton: string | null): string {
  return `${canton ?? ''}|${contracts.map((c) => `${c.validFrom}/${c.weeklyMinutes}/${c.workDays.join(',')}`).join(';')}`;
}

export function generateDemoHours(options: DemoHoursOptions): HoursEntry[] {
  const { organisation, today, newId, createdAt } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  const { from, to } = demoHoursPeriod(today);
  const weekStart = addDays(today, -((dayOfWeek(today) + 6) % 7));
  const lastWeek = addDays(today, -7);

  const siteById = new Map(organisation.sites.map((site) => [site.id, site]));
  const contractsOf = new Map<string, Contract[]>();
  for (const contract of organisation.contracts) {
    const list = contractsOf.get(contract.aadObjectId);
    if (list) list.push(contract);
    else contractsOf.set(contract.aadObjectId, [contract]);
  }
  const targetsCache = new Map<string, DayTarget[]>();
  const targetDaysOf = (person: Person, site: Site | undefined): DayTarget[] => {
    const contracts = contractsOf.get(person.aadObjectId) ?? [];
    const canton = site?.canton ?? null;
    const key = targetKey(contracts, canton);
    let targets = targetsCache.get(key);
    if (!targets) {
      targets = targetsForRange({ contracts, canton, from, to }).filter((day) => day.targetMinutes > 0);
      targetsCache.set(key, targets);
    }
    return targets;
  };
  const weekdayOfDate = new Map<CalendarDate, number>();
  for (let date = from; date <= to; date = addDays(date, 1)) weekdayOfDate.set(date, dayOfWeek(date));
  /** Mondays of the weeks that lie wholly in the period: vacation is taken by the week. */
  const wholeWeeks = [...weekdayOfDate.keys()].filter(
    (date) => weekdayOfDate.get(date) === 1 && addDays(date, 6) <= to,
  );

  // A handful of long absences, drawn from the whole organisation.
  const organisationRandom = createRandom(seed);
  const candidates = organisation.people.filter((person) => person.aadObjectId !== ALEX_WILBER_AAD_OBJECT_ID);
  const drawn = new Set<string>();
  const drawPeople = (count: number) => {
    const chosen = new Set<string>();
    while (chosen.size < Math.min(count, candidates.length - drawn.size)) {
      const person = organisationRandom.pick(candidates);
      if (drawn.has(person.aadObjectId)) continue;
      drawn.add(person.aadObjectId);
      chosen.add(person.aadObjectId);
    }
    return chosen;
  };
  const inMilitaryService = drawPeople(MILITARY_PEOPLE);
  const hadAnAccident = drawPeople(ACCIDENT_PEOPLE);

  // Alex Wilber enters the hours of one of his staff, so the demo shows "entered on behalf".
  const alexsStaff = organisation.people.find(
    (person) => person.managerAadObjectId === ALEX_WILBER_AAD_OBJECT_ID,
  );

  const entries: HoursEntry[] = [];
  for (const person of organisation.people) {
    const site = person.siteId === null ? undefined : siteById.get(person.siteId);
    const random = createRandom(hashOf(person.aadObjectId, seed));
    const habits = habitsOf(person, site, random);
    if (person.aadObjectId === alexsStaff?.aadObjectId && alexsStaff.managerAadObjectId) {
      habits.enteredBy = alexsStaff.managerAadObjectId;
    }
    const isAlex = person.aadObjectId === ALEX_WILBER_AAD_OBJECT_ID;
    const days: PlannedDay[] = targetDaysOf(person, site).map((target) => ({ target, plan: 'work' }));
    if (days.length === 0) continue;

    /** An absence over consecutive calendar days, wholly in the period when it fits. */
    const span = (plan: DayPlan, calendarDays: number) => {
      const latestStart = addDays(to, 1 - calendarDays);
      const starts = days.filter((day) => day.target.date <= latestStart);
      const first = random.pick(starts.length > 0 ? starts : days).target.date;
      const last = addDays(first, calendarDays - 1);
      for (const day of days) {
        if (day.plan === 'work' && day.target.date >= first && day.target.date <= last) day.plan = plan;
      }
    };
    // A repetition course (WK) lasts three weeks, some services two; accidents a few days to two weeks.
    if (inMilitaryService.has(person.aadObjectId)) span('military', random.pick([14, 21, 21]));
    if (hadAnAccident.has(person.aadObjectId)) span('accident', random.int(4, 14));

    if (!isAlex) {
      if (random.chance(VACATION_WEEK_SHARE) && wholeWeeks.length > 0) {
        const monday = random.pick(wholeWeeks);
        const sunday = addDays(monday, 6);
        for (const day of days) {
          if (day.plan === 'work' && day.target.date >= monday && day.target.date <= sunday) {
            day.plan = 'vacation';
          }
        }
      }
      for (let index = 0; index < days.length; index++) {
        if (days[index]?.plan !== 'work' || !random.chance(SICK_SPELL_CHANCE_PER_DAY)) continue;
        const length = random.int(1, 3);
        for (const day of days.slice(index, index + length)) if (day.plan === 'work') day.plan = 'sick';
      }
      if (random.chance(TRAINING_HALF_DAY_SHARE)) {
        const day = random.pick(days);
        // Half a day only makes sense on a day long enough to split.
        if (day.plan === 'work' && day.target.targetMinutes >= 400 && day.target.holidayShare === 0) {
          day.plan = 'training';
        }
      }
      for (const day of days) {
        if (day.plan === 'work' && random.chance(habits.dayOffChance)) day.plan = 'off';
      }
      if (random.chance(FORGETFUL_SHARE)) {
        const recent = days.filter((day) => day.plan === 'work' && day.target.date >= lastWeek);
        for (let forgotten = random.int(1, 2); forgotten > 0 && recent.length > 0; forgotten--) {
          const [day] = recent.splice(random.int(0, recent.length - 1), 1);
          if (day) day.plan = 'missing';
        }
      }
    } else {
      // Alex logs every day but his latest work day of this week: the reminder's example.
      const latestThisWeek = days.findLast((day) => day.target.date >= weekStart);
      if (latestThisWeek) latestThisWeek.plan = 'missing';
    }

    // One literal in HoursEntry's field order: every entry gets the same shape, which keeps
    // 50,000 of them cheap to build (object spreads here cost several times as much).
    const add = (line: {
      date: CalendarDate;
      minutes: number;
      range: { start: number; end: number } | null;
      breakMinutes: number | null;
      place: WorkPlace | null;
      absenceKind: AbsenceKind | null;
    }) => {
      entries.push({
        id: newId(),
        aadObjectId: person.aadObjectId,
        date: line.date,
        kind: line.absenceKind ? 'absence' : 'work',
        minutes: line.minutes,
        startTime: line.range ? (CLOCK[line.range.start] ?? null) : null,
        endTime: line.range ? (CLOCK[line.range.end] ?? null) : null,
        breakMinutes: line.breakMinutes,
        place: line.place,
        absenceKind: line.absenceKind,
        sourceActivityId: null,
        enteredBy: habits.enteredBy,
        createdAt,
        version: 1,
      });
    };
    const absence = (date: CalendarDate, absenceKind: AbsenceKind, minutes: number) =>
      add({ date, minutes, range: null, breakMinutes: null, place: null, absenceKind });
    const work = (date: CalendarDate, worked: number, place: WorkPlace, laidOut: LaidOutDay | null) => {
      if (!laidOut) {
        add({ date, minutes: worked, range: null, breakMinutes: null, place, absenceKind: null });
        return;
      }
      const breakMinutes = laidOut.statedBreak;
      for (const range of laidOut.ranges) {
        const minutes = range.end - range.start - (breakMinutes ?? 0);
        add({ date, minutes, range, breakMinutes, place, absenceKind: null });
      }
    };

    for (const { target, plan } of days) {
      const { date, targetMinutes } = target;
      const weekday = weekdayOfDate.get(date) ?? 0;
      const place: WorkPlace =
        habits.workplace === 'store'
          ? 'store'
          : habits.onSite || (habits.officeDay === weekday ? random.chance(0.8) : random.chance(0.04))
            ? 'office'
            : 'home';
      switch (plan) {
        case 'off':
        case 'missing':
          break;
        case 'vacation':
        case 'sick':
        case 'accident':
        case 'military':
          absence(date, plan, targetMinutes);
          break;
        case 'training': {
          // A morning course, then the afternoon at work.
          const absent = Math.round(targetMinutes / 2);
          const worked = quarterHour((targetMinutes - absent) * random.between(0.8, 1));
          absence(date, 'training', absent);
          const start = 13 * H + 30;
          work(
            date,
            worked,
            place,
            habits.durationsOnly ? null : { ranges: [{ start, end: start + worked }], statedBreak: null },
          );
          break;
        }
        case 'work': {
          const morningOnly = target.holidayShare > 0;
          let worked = Math.max(H, quarterHour(targetMinutes * workedShare(habits, random)));
          if (morningOnly) worked = Math.min(worked, NOON - (habits.start + 15));
          const laidOut = habits.durationsOnly
            ? null
            : layOut(worked, habits, random, { saturday: weekday === 6, morningOnly, place });
          work(date, worked, place, laidOut);
          break;
        }
      }
    }
  }
  return entries;
}
