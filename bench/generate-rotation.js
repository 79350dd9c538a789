// Rotation generation (issue 8: 1,500 people × 8 weeks ≤ 500 ms), in its own process: the pure
// generator of dist/domain/rotation/generate-rotation.js on the whole demo organisation (168 sites,
// 1,500 people, their contracts' work days), built as the rotation service builds its input
// (rotationSiteOf: the site's cap, closed on the canton's whole-day holidays), 8 weeks from the next
// Monday, three cohorts. Timed `--runs` times (the first, cold, is reported apart); heap measured
// after a full GC before the first and after every run (run with --expose-gc).
//
//   node --expose-gc bench/generate-rotation.js [--runs 9] [--weeks 8] [--cohorts 3]
//
// Reports `{ type: 'result', … }` over IPC to bench/run.js, or prints JSON when run alone.
import { MONDAY_TO_FRIDAY } from '../dist/domain/directory/people.js';
import { contractOn } from '../dist/domain/directory/profile.js';
import { generateRotation } from '../dist/domain/rotation/generate-rotation.js';
import { rotationSiteOf } from '../dist/domain/rotation/rotation-service.js';
import { addDays } from '../dist/domain/shared/calendar-date.js';
import { generateDemoOrganisation } from '../dist/demo/demo-organisation.js';
import { zurichNow } from './lib/activities.js';
import { parseArguments, stopWhenAsked, tell } from './lib/child.js';

const options = parseArguments();
const runs = Math.max(2, Number(options.runs ?? 9));
const weeks = Number(options.weeks ?? 8);
const cohorts = Number(options.cohorts ?? 3);
stopWhenAsked(() => undefined, { maxSeconds: 300 });

const gc = typeof globalThis.gc === 'function' ? () => globalThis.gc() : () => undefined;

function nextMonday(today) {
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, (8 - weekday) % 7 || 7);
}

const organisation = generateDemoOrganisation();
const startDate = nextMonday(zurichNow().today);
const dates = Array.from({ length: weeks * 7 }, (_, index) => addDays(startDate, index));
const contractsByPerson = new Map();
for (const contract of organisation.contracts) {
  contractsByPerson.set(contract.aadObjectId, [
    ...(contractsByPerson.get(contract.aadObjectId) ?? []),
    contract,
  ]);
}
const people = organisation.people
  .filter((person) => person.active !== false && person.siteId !== null)
  .map((person) => {
    const contract = contractOn(contractsByPerson.get(person.aadObjectId) ?? [], startDate);
    return {
      id: person.aadObjectId,
      team: person.team,
      siteId: person.siteId,
      workDays: contract?.workDays.length ? contract.workDays : MONDAY_TO_FRIDAY,
      absences: [],
      critical: false,
    };
  });
const sites = organisation.sites.map((site) => rotationSiteOf(site, site.capPercent, dates));
const input = { people, sites, pattern: { kind: 'cohorts', cohorts }, startDate, weeks };

gc();
const heapBefore = process.memoryUsage().heapUsed;
const times = [];
const heapAfter = [];
let last = null;
for (let run = 0; run < runs; run++) {
  const startedAt = performance.now();
  last = generateRotation(input);
  times.push(performance.now() - startedAt);
  last = { people: last.people.length, days: last.dates.length, conflicts: last.conflicts?.length ?? null };
  gc();
  heapAfter.push(process.memoryUsage().heapUsed);
}

const result = {
  people: people.length,
  sites: sites.length,
  weeks,
  pattern: input.pattern,
  startDate,
  planned: last,
  runs,
  milliseconds: times.map((value) => Number(value.toFixed(2))),
  heapBeforeBytes: heapBefore,
  heapAfterBytes: heapAfter,
  gcAvailable: typeof globalThis.gc === 'function',
};
tell({ type: 'result', result });
if (!process.send) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.disconnect?.();
