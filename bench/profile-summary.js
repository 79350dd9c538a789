// Where the time goes: reads a V8 .cpuprofile (node --cpu-prof) and prints the functions with the
// most self time, and the same time grouped by package (node_modules/<name>, Crewdesk's dist/<area>,
// Node's own code, GC, idle).
//
//   node bench/profile-summary.js FILE.cpuprofile [--top 15] [--skip-seconds S]
//        [--from-micros T --to-micros T]   only the samples in a window (V8's monotonic clock, µs)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArguments } from './lib/child.js';

/** Where a function lives, short: "botbuilder-core/lib/turnContext.js", "dist/storage/…", "node:internal/…". */
function placeOf(url) {
  if (!url) return '';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  const dist = path.indexOf('/dist/');
  if (dist >= 0) return path.slice(dist + 1);
  const bench = path.indexOf('/bench/');
  if (bench >= 0) return path.slice(bench + 1);
  return path;
}

function packageOf(callFrame) {
  const { url, functionName } = callFrame;
  if (!url) {
    if (functionName.startsWith('(')) return functionName; // (garbage collector), (idle), (program)
    return '(native)';
  }
  if (url.startsWith('node:')) return 'node (built-in)';
  const place = placeOf(url);
  if (place.startsWith('dist/')) return `crewdesk ${place.split('/').slice(0, 2).join('/')}`;
  if (url.includes('/node_modules/')) {
    const parts = place.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return place;
}

/**
 * Self time per function and per package, in ms, from a .cpuprofile file; with `window` (monotonic
 * microseconds, V8's profile clock) only the samples inside it count — the load, not the start-up.
 */
export function summariseProfile(file, { top = 15, window = null } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicroseconds = new Map();
  let time = profile.startTime;
  let first = null;
  let last = null;
  profile.samples.forEach((nodeId, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    if (window && (time < window.fromMicros || time > window.toMicros)) return;
    first ??= time - delta;
    last = time;
    selfMicroseconds.set(nodeId, (selfMicroseconds.get(nodeId) ?? 0) + delta);
  });
  const totalMicroseconds = first === null ? 0 : last - first;
  const byFunction = new Map();
  const byPackage = new Map();
  for (const [nodeId, microseconds] of selfMicroseconds) {
    const { callFrame } = nodes.get(nodeId);
    const name = callFrame.functionName || '(anonymous)';
    const where = callFrame.url ? `${placeOf(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
    const key = `${name} ${where}`;
    const entry = byFunction.get(key) ?? { function: name, location: where, selfMs: 0 };
    entry.selfMs += microseconds / 1000;
    byFunction.set(key, entry);
    const pkg = packageOf(callFrame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + microseconds / 1000);
  }
  const totalMs = totalMicroseconds / 1000;
  const idleMs = byPackage.get('(idle)') ?? 0;
  const share = (ms) => Number(((ms / totalMs) * 100).toFixed(1));
  const rank = (entries) => entries.sort((a, b) => b.selfMs - a.selfMs);
  return {
    file,
    window: window ? 'a window: the measured load' : 'the whole process',
    totalMs: Math.round(totalMs),
    busyPercent: share(totalMs - idleMs),
    functions: rank([...byFunction.values()])
      .slice(0, top)
      .map((entry) => ({ ...entry, selfMs: Math.round(entry.selfMs), percent: share(entry.selfMs) })),
    packages: rank([...byPackage].map(([name, selfMs]) => ({ package: name, selfMs })))
      .slice(0, top)
      .map((entry) => ({ ...entry, selfMs: Math.round(entry.selfMs), percent: share(entry.selfMs) })),
  };
}

export function formatProfileSummary(summary) {
  const lines = [
    `Profile ${summary.file} (${summary.window}): ${summary.totalMs} ms, busy ${summary.busyPercent} % (the rest idle).`,
    '',
    '| # | function | where | self ms | % |',
    '| ---: | --- | --- | ---: | ---: |',
    ...summary.functions.map(
      (entry, index) =>
        `| ${index + 1} | \`${entry.function}\` | ${entry.location || '—'} | ${entry.selfMs} | ${entry.percent} |`,
    ),
    '',
    '| package | self ms | % |',
    '| --- | ---: | ---: |',
    ...summary.packages.map((entry) => `| ${entry.package} | ${entry.selfMs} | ${entry.percent} |`),
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = parseArguments();
  const file = process.argv.slice(2).find((argument) => argument.endsWith('.cpuprofile'));
  if (!file) {
    process.stderr.write(
      'usage: node bench/profile-summary.js FILE.cpuprofile [--top 15] [--skip-seconds S | --from-micros T --to-micros T]\n',
    );
    process.exit(2);
  }
  let window = null;
  if (options['from-micros'] || options['to-micros']) {
    window = {
      fromMicros: Number(options['from-micros'] ?? 0),
      toMicros: Number(options['to-micros'] ?? Infinity),
    };
  } else if (options['skip-seconds']) {
    const { startTime } = JSON.parse(readFileSync(file, 'utf8'));
    window = { fromMicros: startTime + Number(options['skip-seconds']) * 1e6, toMicros: Infinity };
  }
  const summary = summariseProfile(file, { top: Number(options.top ?? 15), window });
  process.stdout.write(`${formatProfileSummary(summary)}\n`);
}
