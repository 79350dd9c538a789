// `npm run bench`: the framework floor and Crewdesk (SQLite, PostgreSQL) under the same load, one
// after the other in one run, on loopback; then the RHT report and the tab's hours API on a
// Crewdesk with two months of demo hours. Prints markdown tables with the ratios to the floor and
// the targets of issue 8, and writes everything to bench/results/<timestamp>.json.
//
// The machine is shared and noisy: compare the ratios of one run, never absolute figures across
// runs. Options:
//   --duration S (15)  --warmup S (3)  --connections N (50)  --users N (1500)
//   --rounds N (1)     repeat the three servers N times, alternating their order; medians reported
//   --report-runs N (5)  timed calls per report month and format (the median is kept)
//   --leak-json N (20)  --leak-xlsx N (5)   report repetitions between the two memory readings
//   --only floor,floor-durable,sqlite,postgres,report,rotation,schedule,generate,broadcast   run a subset
//                      (floor-durable: the floor with its state in SQLite, informative)
//   --org-calls N (100)  org-wide week calls (GET /api/schedule?scope=organisation) kept, after 10 warm-up calls
//   --tab-sweeps N (1)  informative per-site sweeps (168 × GET /api/schedule?site=), 0 = none
//   --tab-calls N (200)  team-schedule calls kept, after 20 warm-up calls
//   --generate-runs N (9)  rotation generations timed in the child process
//   --broadcast-rate N (50)  the connector stub's rate for the broadcast (10 % of requests get 429)
//   --profile [postgres]  afterwards, Crewdesk on SQLite (or PostgreSQL) once more under `node --cpu-prof`, summarised
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseArguments } from './lib/child.js';
import { cpuMsOf, rssOf, sampleRss, startProcess } from './lib/processes.js';
import { demoUsers, zurichNow } from './lib/activities.js';
import { DEFAULT_POSTGRES_URL } from './lib/postgres.js';
import { summariseProfile, formatProfileSummary } from './profile-summary.js';
import { featuredDemoPeople, generateDemoOrganisation } from '../dist/demo/demo-organisation.js';

const benchFolder = dirname(fileURLToPath(import.meta.url));
const options = parseArguments();
const load = {
  duration: Number(options.duration ?? 15),
  warmup: Number(options.warmup ?? 3),
  connections: Number(options.connections ?? 50),
  users: Number(options.users ?? 1500),
};
const rounds = Math.max(1, Number(options.rounds ?? 1));
const reportRuns = Number(options['report-runs'] ?? 5);
const leakRounds = { json: Number(options['leak-json'] ?? 20), xlsx: Number(options['leak-xlsx'] ?? 5) };
const only = typeof options.only === 'string' ? new Set(options.only.split(',')) : null;
const wanted = (part) => !only || only.has(part);
const TARGETS = {
  requestsPerSecond: 0.8,
  p99: 1.5,
  rss: 1.2,
  orgWideWeekP95Ms: 50,
  teamScheduleP95Ms: 20,
  generationMs: 500,
  broadcastToIdeal: 1.1,
};
const tabOptions = {
  orgCalls: Number(options['org-calls'] ?? 100),
  sweeps: Number(options['tab-sweeps'] ?? 1),
  calls: Number(options['tab-calls'] ?? 200),
};
/** Org-wide calls made before the timed ones (first queries, JIT). */
const ORG_WARMUP_CALLS = 10;
const generateRuns = Number(options['generate-runs'] ?? 9);
const broadcastRate = Number(options['broadcast-rate'] ?? 50);
/** The proactive worker's own limit (src/teams/proactive-sender.ts TEAMS_RATE_LIMITS.perAppPerSecond). */
const WORKER_RATE = 50;
const THROTTLE_SHARE = 0.1;
const MB = 1024 * 1024;

const log = (line) => process.stderr.write(`${line}\n`);

async function postgresAvailable() {
  const client = new pg.Client({ connectionString: DEFAULT_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A safety net: the server drops its throwaway schema itself, unless it was killed. */
async function dropSchemas(server) {
  const schemas = server.messages
    .filter((message) => message.type === 'schema')
    .map((message) => message.schema);
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: DEFAULT_POSTGRES_URL });
  try {
    await client.connect();
    for (const schema of schemas) {
      if (/^bench_[0-9a-f]+$/.test(schema)) await client.query(`drop schema if exists "${schema}" cascade`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs the load against one server: warm-up, then the measured run, RSS sampled all along. */
async function measureLoad(server, stub) {
  await stub.ask({ type: 'reset' }, 'reset');
  const idleRss = rssOf(server.pid);
  const loader = await startProcess(`load → ${server.name}`, 'load.js', {
    args: [
      '--url',
      server.ready.url,
      '--service-url',
      stub.ready.url,
      '--connections',
      String(load.connections),
      '--warmup',
      String(load.warmup),
      '--duration',
      String(load.duration),
      '--users',
      String(load.users),
    ],
    waitFor: null,
  });
  const sampler = sampleRss(server.pid);
  const cpuBefore = cpuMsOf(server.pid);
  const { result } = await loader.next('result', (load.warmup + load.duration) * 1000 + 120_000);
  const cpuAfter = cpuMsOf(server.pid);
  const rss = sampler.stop();
  await loader.stop();
  const { stats } = await stub.ask({ type: 'stats' }, 'stats');
  // Over warm-up and measured load alike: the stub's replies count every turn of both.
  const cpuMsPerTurn =
    cpuBefore !== null && cpuAfter !== null && stats.accepted > 0
      ? (cpuAfter - cpuBefore) / stats.accepted
      : null;
  return {
    ...result,
    cpuMsPerTurn,
    idleRssBytes: idleRss,
    peakRssBytes: rss.peakBytes,
    rssSamples: rss.samples,
    connector: { replies: stats.accepted, apologies: stats.apologies, conversations: stats.conversations },
  };
}

/** 50 messages at once in one conversation: failed turns = non-200 + apologies + records missing. */
async function measureOneConversation(server, stub, { crewdesk }) {
  const loader = await startProcess(`one conversation → ${server.name}`, 'load.js', {
    args: [
      '--mode',
      'one-conversation',
      '--url',
      server.ready.url,
      '--service-url',
      stub.ready.url,
      '--messages',
      '50',
    ],
    waitFor: null,
  });
  const { result } = await loader.next('result', 180_000);
  await loader.stop();
  const { stats } = await stub.ask({ type: 'stats', conversationId: result.conversationId }, 'stats');
  let recorded = null;
  if (crewdesk) {
    const response = await fetch(`${server.ready.url}/api/me/hours?from=${result.from}&to=${result.to}`, {
      headers: { 'X-Crewdesk-Demo-User': result.aadObjectId },
    });
    const body = response.ok ? await response.json() : { days: [] };
    recorded = body.days.reduce((count, day) => count + day.entries.length, 0);
  }
  const missing = recorded === null ? 0 : Math.max(0, result.messages - recorded);
  return {
    messages: result.messages,
    milliseconds: result.milliseconds,
    non200: result.non200,
    replies: stats.conversation.replies,
    apologies: stats.conversation.apologies,
    recordedEntries: recorded,
    failedTurns: result.non200 + stats.conversation.apologies + missing,
  };
}

/** One row per server from its rounds: medians of rates and latencies, worst of the rest. */
function combineRounds(list) {
  if (list.length === 1) return list[0];
  const middle = (pick) => median(list.map(pick));
  const worst = (pick) => Math.max(...list.map(pick));
  const sum = (pick) => list.reduce((total, run) => total + pick(run), 0);
  return {
    name: list[0].name,
    rounds: list.length,
    requests: sum((run) => run.requests),
    requestsPerSecond: middle((run) => run.requestsPerSecond),
    latencyMs: {
      p50: middle((run) => run.latencyMs.p50),
      p90: middle((run) => run.latencyMs.p90),
      p99: middle((run) => run.latencyMs.p99),
      max: worst((run) => run.latencyMs.max),
    },
    non2xx: sum((run) => run.non2xx),
    timeouts: sum((run) => run.timeouts),
    errors: sum((run) => run.errors),
    idleRssBytes: middle((run) => run.idleRssBytes),
    peakRssBytes: middle((run) => run.peakRssBytes),
    cpuMsPerTurn: middle((run) => run.cpuMsPerTurn ?? Number.NaN),
    connector: {
      replies: sum((run) => run.connector.replies),
      apologies: sum((run) => run.connector.apologies),
    },
    oneConversation: {
      messages: sum((run) => run.oneConversation.messages),
      non200: sum((run) => run.oneConversation.non200),
      apologies: sum((run) => run.oneConversation.apologies),
      failedTurns: sum((run) => run.oneConversation.failedTurns),
    },
  };
}

async function benchmarkServer(name, script, args, stub, { crewdesk }) {
  log(`· ${name}: starting`);
  const server = await startProcess(name, script, { args });
  try {
    log(
      `· ${name}: ready${server.ready.startMs ? ` in ${server.ready.startMs} ms` : ''}; load ${load.warmup} s + ${load.duration} s`,
    );
    const loadResult = await measureLoad(server, stub);
    log(
      `· ${name}: ${loadResult.requestsPerSecond} req/s, p99 ${loadResult.latencyMs.p99} ms; 50 messages in one conversation`,
    );
    const oneConversation = await measureOneConversation(server, stub, { crewdesk });
    return { name, ...loadResult, oneConversation };
  } finally {
    const outcome = await server.stop();
    if (outcome.code) log(`· ${name} exited with ${outcome.code}:\n${server.stderr}`);
    await dropSchemas(server);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, share) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
};
const round = (value, digits = 1) =>
  value === null || value === undefined ? null : Number(value.toFixed(digits));

async function timedGet(url, headers) {
  const startedAt = performance.now();
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
  const body = Buffer.from(await response.arrayBuffer());
  return { milliseconds: performance.now() - startedAt, status: response.status, body };
}

function previousMonth(month) {
  const [year, number] = month.split('-').map(Number);
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

/** The RHT report (JSON, XLSX; this and last month) and GET /api/me/hours on two months of demo hours. */
async function benchmarkReports() {
  log('· reports: starting Crewdesk on SQLite with demo hours');
  const server = await startProcess('crewdesk-sqlite (demo hours)', 'crewdesk-server.js', {
    args: ['--demo-hours'],
    execArgv: ['--expose-gc'],
    timeoutMs: 300_000,
  });
  try {
    const base = server.ready.url;
    const hr = featuredDemoPeople(generateDemoOrganisation())[2];
    const me = await (await fetch(`${base}/api/me`, { headers: { 'X-Crewdesk-Demo-User': hr } })).json();
    if (!me.roles?.includes('hr'))
      throw new Error(`demo person ${hr} is not in HR: ${JSON.stringify(me.roles)}`);
    const headers = { 'X-Crewdesk-Demo-User': hr };
    const current = zurichNow().today.slice(0, 7);
    const months = [current, previousMonth(current)];
    const report = [];
    for (const month of months) {
      for (const format of ['json', 'xlsx']) {
        const url = `${base}/api/reports/rht?month=${month}&format=${format}`;
        const calls = [];
        for (let run = 0; run < reportRuns; run++) calls.push(await timedGet(url, headers));
        const [first] = calls;
        const times = calls.map((call) => call.milliseconds);
        const valid =
          first.status === 200 &&
          (format === 'json'
            ? JSON.parse(first.body.toString('utf8')).rows.length >= 1500
            : first.body.subarray(0, 2).toString('latin1') === 'PK');
        const rows =
          format === 'json' && first.status === 200
            ? JSON.parse(first.body.toString('utf8')).rows.length
            : null;
        report.push({
          month,
          format,
          status: first.status,
          valid,
          rows,
          bytes: first.body.length,
          firstMs: round(first.milliseconds),
          medianMs: round(median(times)),
          targetMs: format === 'json' ? 1000 : 3000,
        });
        log(`· reports: ${month} ${format} median ${round(median(times))} ms`);
      }
    }

    // Leak check: last month's report again and again (JSON 20 times: the computation both formats
    // share; XLSX fewer times, it is slow), memory measured after a full GC before and after.
    const before = (await server.ask({ type: 'memory', gc: true }, 'memory')).usage;
    const rssBefore = rssOf(server.pid);
    for (let repetition = 0; repetition < leakRounds.json; repetition++) {
      await timedGet(`${base}/api/reports/rht?month=${months[1]}&format=json`, headers);
    }
    for (let repetition = 0; repetition < leakRounds.xlsx; repetition++) {
      await timedGet(`${base}/api/reports/rht?month=${months[1]}&format=xlsx`, headers);
    }
    const after = (await server.ask({ type: 'memory', gc: true }, 'memory')).usage;
    const rssAfter = rssOf(server.pid);
    const memory = {
      repetitions: leakRounds,
      rssBeforeBytes: rssBefore,
      rssAfterBytes: rssAfter,
      heapUsedBeforeBytes: before.heapUsed,
      heapUsedAfterBytes: after.heapUsed,
      heapGrowthPercent: round(((after.heapUsed - before.heapUsed) / before.heapUsed) * 100),
      rssGrowthPercent: round(((rssAfter - rssBefore) / rssBefore) * 100),
    };
    log(
      `· reports: heap after GC ${round(before.heapUsed / MB)} → ${round(after.heapUsed / MB)} MB over 20 rounds`,
    );

    // The tab's month view: GET /api/me/hours for last month, 200 calls from 200 different people.
    const { from, to } = { from: `${months[1]}-01`, to: lastDay(months[1]) };
    const people = demoUsers(1500);
    const times = [];
    let failures = 0;
    let days = 0;
    for (let call = 0; call < 200; call++) {
      const person = people[(call * 7) % people.length];
      const result = await timedGet(`${base}/api/me/hours?from=${from}&to=${to}`, {
        'X-Crewdesk-Demo-User': person.aadObjectId,
      });
      if (result.status !== 200) failures++;
      else days += JSON.parse(result.body.toString('utf8')).days.length;
      times.push(result.milliseconds);
    }
    const meHours = {
      calls: 200,
      month: months[1],
      failures,
      meanDaysWithRecords: round(days / (200 - failures || 1)),
      p50Ms: round(percentile(times, 0.5)),
      p95Ms: round(percentile(times, 0.95)),
      maxMs: round(Math.max(...times)),
    };
    log(`· reports: /api/me/hours p95 ${meHours.p95Ms} ms`);
    return { seedAndStartMs: server.ready.startMs, report, memory, meHours };
  } finally {
    await server.stop();
  }
}

function lastDay(month) {
  const [year, number] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, number, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** Monday of the week of `date` (YYYY-MM-DD). */
function mondayOf(date) {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return daysAfter(date, -((weekday + 6) % 7));
}
function daysAfter(date, days) {
  const instant = new Date(`${date}T12:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}
const spread = (times) => ({
  calls: times.length,
  p50Ms: round(percentile(times, 0.5)),
  p95Ms: round(percentile(times, 0.95)),
  maxMs: round(Math.max(...times)),
});

/**
 * The tab's rotation and schedule calls on a Crewdesk (SQLite) with the demo organisation, its
 * published demo rotations and two months of demo hours:
 * - org-wide week: GET /api/schedule?scope=organisation&from=…&to=… (1,500 people in one answer),
 *   as the HR/admin people in turn, one call after the other; informative: the old way, one
 *   GET /api/schedule?site=… per site (168 calls), swept `--tab-sweeps` times;
 *   also the RotationView call for the head office (GET /api/rotations?site=…, 4 weeks, as HR);
 * - team schedule: GET /api/schedule?from=…&to=… (a week) as each of the demo managers in turn.
 */
async function benchmarkTabApi() {
  log('· tab API: starting Crewdesk on SQLite with demo hours and rotations');
  const server = await startProcess('crewdesk-sqlite (tab API)', 'crewdesk-server.js', {
    args: ['--demo-hours'],
    timeoutMs: 300_000,
  });
  try {
    const base = server.ready.url;
    const organisation = generateDemoOrganisation();
    const from = mondayOf(zurichNow().today);
    const to = daysAfter(from, 6);
    const result = { week: { from, to }, seedAndStartMs: server.ready.startMs };
    const get = async (path, caller) => {
      const call = await timedGet(`${base}${path}`, { 'X-Crewdesk-Demo-User': caller });
      return { ...call, json: call.status === 200 ? JSON.parse(call.body.toString('utf8')) : null };
    };

    if (wanted('rotation')) {
      const callers = organisation.people
        .filter((person) => person.roles.includes('hr') || person.roles.includes('admin'))
        .map((person) => person.aadObjectId);
      // The org-wide week: one GET /api/schedule?scope=organisation per HR/admin caller in turn.
      const orgPath = `/api/schedule?scope=organisation&from=${from}&to=${to}`;
      const orgTimes = [];
      let orgFailures = 0;
      let orgPeople = 0;
      let orgBytes = 0;
      let orgDays = 0;
      for (let call = 0; call < tabOptions.orgCalls + ORG_WARMUP_CALLS; call++) {
        const answer = await get(orgPath, callers[call % callers.length]);
        if (call < ORG_WARMUP_CALLS) continue;
        orgTimes.push(answer.milliseconds);
        if (answer.status !== 200) orgFailures++;
        else {
          orgPeople = answer.json.people.length;
          orgDays = answer.json.people.reduce((sum, person) => sum + person.days.length, 0);
          orgBytes = answer.body.length;
        }
      }
      result.orgWide = {
        callers: callers.length,
        calls: orgTimes.length,
        warmupCalls: ORG_WARMUP_CALLS,
        people: orgPeople,
        days: orgDays,
        bytes: orgBytes,
        failures: orgFailures,
        ...spread(orgTimes),
        targetMs: TARGETS.orgWideWeekP95Ms,
      };
      log(
        `· tab API: org-wide week (one call, ${orgPeople} people) p50 ${result.orgWide.p50Ms} ms, p95 ${result.orgWide.p95Ms} ms`,
      );

      // Informative: the old way, one GET /api/schedule?site=… per site (what the tab did before
      // the org-wide call), swept `--tab-sweeps` times after the calls above warmed the server.
      const sites = organisation.sites.map((site) => site.id);
      let next = 0;
      const sweep = async () => {
        const startedAt = performance.now();
        const times = [];
        let people = 0;
        let failures = 0;
        let bytes = 0;
        for (const site of sites) {
          const caller = callers[next++ % callers.length];
          const call = await get(
            `/api/schedule?site=${encodeURIComponent(site)}&from=${from}&to=${to}`,
            caller,
          );
          times.push(call.milliseconds);
          bytes += call.body.length;
          if (call.status !== 200) failures++;
          else people += call.json.people.length;
        }
        return { milliseconds: performance.now() - startedAt, times, people, failures, bytes };
      };
      const sweeps = [];
      for (let index = 0; index < tabOptions.sweeps; index++) sweeps.push(await sweep());
      if (sweeps.length > 0) {
        result.perSiteSweep = {
          sweeps: sweeps.length,
          callsPerSweep: sites.length,
          peoplePerSweep: sweeps[0].people,
          bytesPerSweep: sweeps[0].bytes,
          failures: sweeps.reduce((sum, entry) => sum + entry.failures, 0),
          sweep: spread(sweeps.map((entry) => entry.milliseconds)),
          perCall: spread(sweeps.flatMap((entry) => entry.times)),
        };
        log(
          `· tab API: per-site sweep (${sites.length} calls, informative) p50 ${result.perSiteSweep.sweep.p50Ms} ms, per call p95 ${result.perSiteSweep.perCall.p95Ms} ms`,
        );
      }

      // RotationView's call for the head office rotation (its biggest), as the tab makes it: 4 weeks.
      const hr = featuredDemoPeople(organisation)[2];
      const headOffice = organisation.sites.reduce((biggest, site) =>
        organisation.people.filter((person) => person.siteId === site.id).length >
        organisation.people.filter((person) => person.siteId === biggest.siteId).length
          ? site
          : biggest,
      );
      const rotationTimes = [];
      let assignments = 0;
      let rotationFailures = 0;
      for (let call = 0; call < 60; call++) {
        const answer = await get(
          `/api/rotations?site=${encodeURIComponent(headOffice.id)}&from=${from}&to=${daysAfter(from, 27)}`,
          callers[call % callers.length] ?? hr,
        );
        if (call < 10) continue; // warm-up
        rotationTimes.push(answer.milliseconds);
        if (answer.status !== 200) rotationFailures++;
        else
          assignments = answer.json.rotations.reduce((sum, rotation) => sum + rotation.assignments.length, 0);
      }
      result.rotationView = {
        site: headOffice.id,
        assignments,
        failures: rotationFailures,
        ...spread(rotationTimes),
      };
      log(
        `· tab API: GET /api/rotations (head office, ${assignments} people) p95 ${result.rotationView.p95Ms} ms`,
      );
    }

    if (wanted('schedule')) {
      const managers = organisation.people
        .filter((person) => person.roles.includes('manager'))
        .map((person) => person.aadObjectId);
      const times = [];
      let failures = 0;
      let people = 0;
      for (let call = 0; call < tabOptions.calls + 20; call++) {
        const answer = await get(`/api/schedule?from=${from}&to=${to}`, managers[call % managers.length]);
        if (call < 20) continue; // warm-up
        times.push(answer.milliseconds);
        if (answer.status !== 200) failures++;
        else people += answer.json.people.length;
      }
      result.teamSchedule = {
        managers: managers.length,
        failures,
        meanPeople: round(people / (times.length - failures || 1)),
        ...spread(times),
        targetMs: TARGETS.teamScheduleP95Ms,
      };
      log(`· tab API: team schedule p95 ${result.teamSchedule.p95Ms} ms`);
    }
    return result;
  } finally {
    await server.stop();
  }
}

/** The pure rotation generator on the demo organisation, in its own process; median of the runs. */
async function benchmarkGeneration() {
  log(`· generation: ${generateRuns} runs in a child process`);
  const child = await startProcess('rotation generation', 'generate-rotation.js', {
    args: ['--runs', String(generateRuns)],
    execArgv: ['--expose-gc'],
    waitFor: null,
  });
  const { result } = await child.next('result', 180_000);
  await child.stop();
  const [first, ...rest] = result.milliseconds;
  const heapAfter = result.heapAfterBytes;
  const generation = {
    ...result,
    firstMs: first,
    medianMs: round(median(rest), 2),
    maxMs: Math.max(...rest),
    heapGrowthPercent: round(((heapAfter.at(-1) - heapAfter[0]) / heapAfter[0]) * 100),
    targetMs: TARGETS.generationMs,
  };
  log(`· generation: first ${first} ms, median of the next ${rest.length} ${generation.medianMs} ms`);
  return generation;
}

/** The instant at which Zurich's wall clock reads `time` (HH:MM) on `date`. */
function zurichInstant(date, time) {
  const guess = new Date(`${date}T${time}:00Z`);
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((part) => part.type === 'timeZoneName').value; // "GMT+01:00"
  const [, sign, hours, minutes] = /GMT([+-])(\d\d):(\d\d)/.exec(offset) ?? [null, '+', '00', '00'];
  const shift = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  return new Date(guess.getTime() - shift * 60_000);
}

/**
 * Reminders to the demo organisation through the proactive sender: 1,500 personal conversation
 * references pointing at a connector stub that enforces `--broadcast-rate` requests/s and answers
 * every tenth request with 429 + Retry-After: 1; Crewdesk's clock is set to 17:31 in Zurich on the
 * next Wednesday (the work day on which most demo contracts work) and one reminder round queues who
 * is due; the worker that runs inside Crewdesk delivers. Time = from the round's start to the last
 * reply the stub accepted; lost and duplicates counted per conversation at the stub.
 */
async function benchmarkBroadcast() {
  const effectiveRate = Math.min(broadcastRate, WORKER_RATE);
  log(
    `· broadcast: stub at ${broadcastRate}/s with ${THROTTLE_SHARE * 100} % 429, the worker's limit ${WORKER_RATE}/s`,
  );
  const stub = await startProcess('connector stub (broadcast)', 'connector-stub.js', {
    args: ['--rate', String(broadcastRate), '--throttle-share', String(THROTTLE_SHARE), '--retry-after', '1'],
  });
  const server = await startProcess('crewdesk-sqlite (broadcast)', 'crewdesk-server.js', {
    args: ['--reminder-time', '17:30'],
  });
  try {
    const saved = await server.ask(
      { type: 'conversations', serviceUrl: stub.ready.url, count: load.users },
      'conversations',
      120_000,
    );
    if (saved.error) throw new Error(saved.error);
    const today = zurichNow().today;
    const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
    const wednesday = daysAfter(today, (3 - weekday + 7) % 7 || 7);
    const at = zurichInstant(wednesday, '17:31').toISOString();
    await stub.ask({ type: 'reset' }, 'reset');
    const remind = await server.ask({ type: 'remind', at }, 'remind', 120_000);
    if (remind.error) throw new Error(remind.error);
    const idealMs = (remind.queued / effectiveRate) * 1000;
    log(
      `· broadcast: ${remind.queued} reminders queued in ${remind.queuedAtMs - remind.startedAtMs} ms; ideal ${round(idealMs / 1000)} s`,
    );
    const deadline = Date.now() + idealMs * 4 + 120_000;
    let stats;
    for (;;) {
      ({ stats } = await stub.ask({ type: 'stats' }, 'stats'));
      if (stats.accepted >= remind.queued || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A little longer, so that a late duplicate would still be seen.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    ({ stats } = await stub.ask({ type: 'stats' }, 'stats'));
    const outbound = await server.ask({ type: 'outbound' }, 'outbound');
    const totalMs = stats.lastAcceptedAtMs === null ? null : stats.lastAcceptedAtMs - remind.startedAtMs;
    // The least any sender could take against this stub, which counts its own 429s against its
    // rate and refuses every 1/share-th request: each message needs 1/(1 − share) requests on
    // average, and the last refused one waits out its Retry-After (1 s).
    const perfectSenderMs = (Math.ceil(remind.queued / (1 - THROTTLE_SHARE)) / effectiveRate) * 1000 + 1000;
    const result = {
      conversationsStored: saved.saved,
      remindAt: at,
      queued: remind.queued,
      problems: remind.problems,
      queueingMs: remind.queuedAtMs - remind.startedAtMs,
      stubRate: broadcastRate,
      workerRate: WORKER_RATE,
      effectiveRate,
      throttleShare: THROTTLE_SHARE,
      requests: stats.requests,
      throttled: stats.throttled,
      accepted: stats.accepted,
      conversationsReached: stats.conversations,
      lost: Math.max(0, remind.queued - stats.conversations),
      duplicates: stats.accepted - stats.conversations,
      conversationsWithMoreThanOneReply: stats.conversationsWithMoreThanOneReply,
      idealMs: round(idealMs),
      totalMs,
      firstRequestAfterMs:
        stats.firstRequestAtMs === null ? null : stats.firstRequestAtMs - remind.startedAtMs,
      deliverySpanMs:
        stats.firstRequestAtMs === null ? null : stats.lastAcceptedAtMs - stats.firstRequestAtMs,
      ratioToIdeal: totalMs === null ? null : round(totalMs / idealMs, 3),
      perfectSenderMs: round(perfectSenderMs),
      perfectSenderRatio: round(perfectSenderMs / idealMs, 3),
      outbound: outbound.counts ?? outbound.error,
      targetRatio: TARGETS.broadcastToIdeal,
    };
    log(
      `· broadcast: ${result.accepted} delivered in ${round(totalMs / 1000, 2)} s (${result.ratioToIdeal}× ideal), ${result.throttled} 429s, lost ${result.lost}, duplicates ${result.duplicates}`,
    );
    return result;
  } finally {
    await server.stop();
    await stub.stop();
  }
}

async function profileCrewdesk(stub, folder, engine) {
  mkdirSync(folder, { recursive: true });
  const engineName = engine === 'postgres' ? 'PostgreSQL' : 'SQLite';
  log(`· profile: Crewdesk on ${engineName} under --cpu-prof (${folder})`);
  const server = await startProcess(`crewdesk-${engine} (profiled)`, 'crewdesk-server.js', {
    args: engine === 'postgres' ? ['--postgres'] : [],
    execArgv: ['--cpu-prof', '--cpu-prof-dir', folder],
  });
  let loadResult;
  try {
    loadResult = await measureLoad(server, stub);
  } finally {
    await server.stop();
  }
  const file = readdirSync(folder)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(folder, name))
    .sort()
    .at(-1);
  if (!file) throw new Error('the profiled Crewdesk wrote no .cpuprofile');
  return {
    file,
    engineName,
    requestsPerSecond: loadResult.requestsPerSecond,
    window: loadResult.window,
    summary: summariseProfile(file, { top: 15, window: loadResult.window }),
  };
}

function verdict(ok) {
  return ok ? 'pass' : '**FAIL**';
}

function cpuCell(server, floor) {
  const own = server.cpuMsPerTurn;
  if (own === null || own === undefined || Number.isNaN(own)) return '—';
  const base = floor?.cpuMsPerTurn;
  return server === floor || !base ? own.toFixed(2) : `${own.toFixed(2)} (${(own / base).toFixed(2)}×)`;
}

function markdown(results) {
  const lines = [];
  const floor = results.servers.find((server) => server.name === 'floor');
  lines.push(
    `Load: ${load.connections} connections, ${load.users} users, ${load.warmup} s warm-up + ${load.duration} s measured, per server${rounds > 1 ? `; median of ${rounds} rounds in alternating order (errors and failed turns summed, RSS median of peaks)` : ''}.`,
    '',
    '| server | req/s | p50 ms | p99 ms | errors (non-2xx, timeouts, apologies) | peak RSS MB | req/s ÷ floor (≥ 0.8) | p99 ÷ floor (≤ 1.5) | RSS ÷ floor (≤ 1.2) | 50 in one conversation: failed turns | CPU ms per turn (÷ floor) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | --- |',
  );
  for (const server of results.servers) {
    const ratio = (value, base) => (floor && base ? value / base : null);
    const rps = ratio(server.requestsPerSecond, floor?.requestsPerSecond);
    const p99 = ratio(server.latencyMs.p99, floor?.latencyMs.p99);
    const rss = ratio(server.peakRssBytes, floor?.peakRssBytes);
    const isFloor = server.name === 'floor';
    // The durable floor is another floor, shown for comparison: no verdicts.
    const informative = isFloor || server.name === 'floor-durable';
    const cell = (value, ok) =>
      value === null || isFloor ? '—' : `${value.toFixed(2)}${informative ? '' : ` ${verdict(ok)}`}`;
    const one = server.oneConversation;
    lines.push(
      `| ${server.name} | ${round(server.requestsPerSecond)} | ${server.latencyMs.p50} | ${server.latencyMs.p99} | ${server.errors}${server.connector.apologies ? ` + ${server.connector.apologies} apologies` : ''}${informative ? '' : ` ${verdict(server.errors + server.connector.apologies === 0)}`} | ${round(server.peakRssBytes / MB)} | ${cell(rps, rps >= TARGETS.requestsPerSecond)} | ${cell(p99, p99 <= TARGETS.p99)} | ${cell(rss, rss <= TARGETS.rss)} | ${one.failedTurns}${informative ? ' (informative)' : ` ${verdict(one.failedTurns === 0)}`} | ${cpuCell(server, floor)} |`,
    );
  }
  for (const skipped of results.skipped)
    lines.push(`| ${skipped.name} | skipped: ${skipped.reason} | | | | | | | | | |`);
  const row = (name, text, errors) => `| ${name} | ${text} | | | ${errors} | | | | | | |`;
  const tab = results.tabApi;
  if (tab?.orgWide) {
    const org = tab.orgWide;
    lines.push(
      row(
        `rotation: org-wide week, ${org.people} people (p95 ≤ 50 ms)`,
        `GET /api/schedule?scope=organisation, a week (${org.days} person-days, ${round(org.bytes / MB, 2)} MB), ${org.calls} calls over ${org.callers} HR/admin callers after ${org.warmupCalls} warm-up: p50 ${org.p50Ms} ms, **p95 ${org.p95Ms} ms** ${verdict(org.failures === 0 && org.p95Ms <= org.targetMs)}, max ${org.maxMs} ms`,
        org.failures,
      ),
    );
  }
  if (tab?.teamSchedule) {
    const team = tab.teamSchedule;
    lines.push(
      row(
        `rotation: team schedule (p95 ≤ 20 ms)`,
        `GET /api/schedule, a week, ${team.calls} calls over ${team.managers} managers (${team.meanPeople} people each): p50 ${team.p50Ms} ms, **p95 ${team.p95Ms} ms** ${verdict(team.failures === 0 && team.p95Ms <= team.targetMs)}, max ${team.maxMs} ms`,
        team.failures,
      ),
    );
  }
  if (results.generation) {
    const generation = results.generation;
    lines.push(
      row(
        `rotation generation ${generation.people} × ${generation.weeks} weeks (≤ 500 ms)`,
        `${generation.sites} sites, ${generation.pattern.cohorts} cohorts: first ${round(generation.firstMs)} ms, **median of ${generation.runs - 1} ${generation.medianMs} ms** ${verdict(generation.medianMs <= generation.targetMs)}, max ${round(generation.maxMs)} ms; heap after GC ${round(generation.heapAfterBytes[0] / MB)} → ${round(generation.heapAfterBytes.at(-1) / MB)} MB (${generation.heapGrowthPercent} %)`,
        '—',
      ),
    );
  }
  if (results.broadcast) {
    const b = results.broadcast;
    const ok =
      b.lost === 0 && b.duplicates === 0 && b.ratioToIdeal !== null && b.ratioToIdeal <= b.targetRatio;
    lines.push(
      row(
        `broadcast: ${b.queued} reminders, stub ${b.stubRate}/s + 10 % 429, worker ${b.workerRate}/s (≤ 1.1× ideal, 0 lost, 0 duplicates)`,
        `ideal ${round(b.idealMs / 1000, 1)} s (${b.queued} / ${b.effectiveRate}/s); **${round(b.totalMs / 1000, 2)} s = ${b.ratioToIdeal}×** ${verdict(ok)}; ${b.requests} requests, ${b.throttled} × 429; lost ${b.lost}, duplicates ${b.duplicates}; a perfect sender against this stub (its 429s count against its rate): ≥ ${round(b.perfectSenderMs / 1000, 2)} s = ${b.perfectSenderRatio}×`,
        b.lost + b.duplicates,
      ),
    );
  }
  if (tab?.rotationView) {
    const view = tab.rotationView;
    lines.push(
      '',
      `Tab API week ${tab.week.from} – ${tab.week.to}, Crewdesk on SQLite with demo hours and rotations. Informative: the RotationView call for the head office (GET /api/rotations?site=${view.site}, 4 weeks, ${view.assignments} people, as HR): p50 ${view.p50Ms} ms, p95 ${view.p95Ms} ms, max ${view.maxMs} ms over ${view.calls} calls, ${view.failures} failures.`,
    );
  }
  if (tab?.perSiteSweep) {
    const sweep = tab.perSiteSweep;
    lines.push(
      '',
      `Informative, the org-wide week the old way (one call per site, ${sweep.callsPerSweep} × GET /api/schedule?site=, ${sweep.peoplePerSweep} people, ${sweep.sweeps} sweep(s)): sweep p50 ${sweep.sweep.p50Ms} ms, max ${sweep.sweep.maxMs} ms; per call p50 ${sweep.perCall.p50Ms} ms, p95 ${sweep.perCall.p95Ms} ms; ${sweep.failures} failures.`,
    );
  }
  if (results.reports) {
    const { report, memory, meHours } = results.reports;
    lines.push(
      '',
      'RHT report, 1,500 employees, Crewdesk on SQLite with two months of demo hours (issue targets are absolute: read them with the machine load in mind):',
      '',
      `| month | format | rows | bytes | first call ms | median of ${reportRuns} ms | target |`,
      '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    );
    for (const row of report) {
      lines.push(
        `| ${row.month} | ${row.format} | ${row.rows ?? '—'} | ${row.bytes} | ${row.firstMs} | ${row.medianMs} | ≤ ${row.targetMs} ms ${verdict(row.valid && row.medianMs <= row.targetMs)} |`,
      );
    }
    lines.push(
      '',
      `Memory over ${memory.repetitions.json} × JSON + ${memory.repetitions.xlsx} × XLSX of last month (after a full GC): heap ${round(memory.heapUsedBeforeBytes / MB)} → ${round(memory.heapUsedAfterBytes / MB)} MB (${memory.heapGrowthPercent} %), RSS ${round(memory.rssBeforeBytes / MB)} → ${round(memory.rssAfterBytes / MB)} MB (${memory.rssGrowthPercent} %).`,
      '',
      `GET /api/me/hours, a month (${meHours.month}), ${meHours.calls} calls from different people: p50 ${meHours.p50Ms} ms, p95 ${meHours.p95Ms} ms, max ${meHours.maxMs} ms, ${meHours.failures} failures (${meHours.meanDaysWithRecords} days with records per answer).`,
    );
  }
  const durable = results.servers.find((server) => server.name === 'floor-durable');
  const crewdeskServers = results.servers.filter((server) => server.name.startsWith('crewdesk'));
  if (durable && crewdeskServers.length > 0) {
    const against = crewdeskServers.map(
      (server) =>
        `${server.name} req/s ${(server.requestsPerSecond / durable.requestsPerSecond).toFixed(2)}×, p99 ${(server.latencyMs.p99 / durable.latencyMs.p99).toFixed(2)}×, CPU per turn ${(server.cpuMsPerTurn / durable.cpuMsPerTurn).toFixed(2)}×`,
    );
    lines.push(
      '',
      `Informative, against floor-durable (the floor with its state in SQLite: one durable write per turn): ${against.join('; ')}.`,
    );
  }
  if (results.profile) {
    lines.push(
      '',
      `CPU profile of Crewdesk on ${results.profile.engineName} under load (${results.profile.requestsPerSecond} req/s while profiled):`,
      '',
    );
    lines.push(formatProfileSummary(results.profile.summary));
  }
  return lines.join('\n');
}

async function main() {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const results = {
    startedAt: startedAt.toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      totalMemoryMB: Math.round(totalmem() / MB),
      loadAverageAtStart: loadavg().map((value) => round(value, 2)),
    },
    load,
    targets: TARGETS,
    servers: [],
    skipped: [],
  };
  const stub = await startProcess('connector stub', 'connector-stub.js');
  try {
    const candidates = [
      { part: 'floor', name: 'floor', script: 'floor-bot.js', args: [], crewdesk: false },
      {
        part: 'floor-durable',
        name: 'floor-durable',
        script: 'floor-bot.js',
        args: ['--durable'],
        crewdesk: false,
      },
      { part: 'sqlite', name: 'crewdesk-sqlite', script: 'crewdesk-server.js', args: [], crewdesk: true },
      {
        part: 'postgres',
        name: 'crewdesk-postgres',
        script: 'crewdesk-server.js',
        args: ['--postgres'],
        crewdesk: true,
      },
    ].filter((candidate) => wanted(candidate.part));
    const available = [];
    for (const candidate of candidates) {
      if (candidate.part === 'postgres' && !(await postgresAvailable())) {
        results.skipped.push({ name: candidate.name, reason: `no PostgreSQL at ${DEFAULT_POSTGRES_URL}` });
      } else available.push(candidate);
    }
    // Several rounds alternate the order, so that a slow patch of the shared machine does not fall
    // on one server only; each figure is then the median over the rounds.
    const runs = new Map(available.map((candidate) => [candidate.name, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? available : [...available].reverse();
      if (rounds > 1) log(`round ${round + 1} of ${rounds}`);
      for (const candidate of order) {
        runs
          .get(candidate.name)
          .push(await benchmarkServer(candidate.name, candidate.script, candidate.args, stub, candidate));
      }
    }
    results.rounds = Object.fromEntries(runs);
    results.servers = available.map((candidate) => combineRounds(runs.get(candidate.name)));
    if (wanted('report')) results.reports = await benchmarkReports();
    if (wanted('rotation') || wanted('schedule')) results.tabApi = await benchmarkTabApi();
    if (wanted('generate')) results.generation = await benchmarkGeneration();
    if (wanted('broadcast')) results.broadcast = await benchmarkBroadcast();
    if (options.profile)
      results.profile = await profileCrewdesk(
        stub,
        join(benchFolder, 'results', 'profiles', stamp),
        options.profile === 'postgres' ? 'postgres' : 'sqlite',
      );
  } finally {
    await stub.stop();
  }
  results.machine.loadAverageAtEnd = loadavg().map((value) => round(value, 2));
  results.finishedAt = new Date().toISOString();
  mkdirSync(join(benchFolder, 'results'), { recursive: true });
  const file = join(benchFolder, 'results', `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `${markdown(results)}\n\nMachine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.totalMemoryMB} MB, Node ${results.machine.node}, load average ${results.machine.loadAverageAtStart.join(' ')} → ${results.machine.loadAverageAtEnd.join(' ')}.\nResults: ${file}\n`,
  );
}

await main();
