// The parent side: start benchmark processes, talk to them over IPC, sample their memory, and make
// sure every one of them is gone when bench/run.js ends, however it ends.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchFolder = join(dirname(fileURLToPath(import.meta.url)), '..');
const running = new Set();

const alive = (child) => child.exitCode === null && child.signalCode === null;

function killAll() {
  for (const child of running) if (alive(child)) child.kill('SIGKILL');
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the benchmark processes\n`);
    // SIGTERM first, so that a Crewdesk on PostgreSQL drops its schema; then no mercy.
    for (const child of running) if (alive(child)) child.kill('SIGTERM');
    const deadline = Date.now() + 5000;
    const wait = setInterval(() => {
      if ([...running].some(alive) && Date.now() < deadline) return;
      clearInterval(wait);
      killAll();
      process.exit(130);
    }, 100);
  });
}

function nextMessage(child, type, timeoutMs) {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message?.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code, signal) => {
      cleanup();
      reject(new Error(`${child.benchName} exited (${signal ?? code}) before sending "${type}"`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${child.benchName} sent no "${type}" within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Forks `bench/<script>` with an IPC channel and waits for its `{ type: 'ready' }` (when `waitFor`
 * is set). Its stderr is kept (the last lines are shown when it fails).
 */
export async function startProcess(
  name,
  script,
  { args = [], execArgv = [], waitFor = 'ready', timeoutMs = 120_000 } = {},
) {
  const child = fork(join(benchFolder, script), args, {
    execArgv: ['--no-deprecation', ...execArgv],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.benchName = name;
  // A child that has just disconnected makes a late send fail with EPIPE: nothing to do about it.
  child.on('error', () => undefined);
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  running.add(child);
  const messages = [];
  child.on('message', (message) => messages.push(message));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => running.delete(child));
  const handle = {
    name,
    child,
    pid: child.pid,
    exited,
    /** Every message the process sent so far. */
    messages,
    get stderr() {
      return stderr;
    },
    /** Sends a message and waits for the next message of `replyType`. */
    async ask(message, replyType, askTimeoutMs = 30_000) {
      const reply = nextMessage(child, replyType, askTimeoutMs);
      child.send(message);
      return reply;
    },
    next: (type, nextTimeoutMs = timeoutMs) => nextMessage(child, type, nextTimeoutMs),
    /** Asks the process to stop, and kills it if it has not within `graceMs`. */
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      if (child.connected) child.send({ type: 'stop' }, (error) => error && child.kill('SIGTERM'));
      else child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const outcome = await exited;
      clearTimeout(timer);
      return outcome;
    },
  };
  if (waitFor) {
    try {
      handle.ready = await nextMessage(child, waitFor, timeoutMs);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${error.message}\n--- ${name} stderr ---\n${stderr}`);
    }
  }
  return handle;
}

/** Resident set size of a process in bytes, from /proc (Linux), or null. */
export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kilobytes ? Number(kilobytes) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system) a process has used so far, in ms; null when it is gone. CPU per turn
 * is steadier than req/s on a shared machine: other people's work slows a server down, but does
 * not make each of its turns cost more instructions.
 */
export function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Linux's USER_HZ: 100 on every architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Samples a process's RSS every `intervalMs`; `stop()` returns peak, mean and sample count. */
export function sampleRss(pid, intervalMs = 200) {
  const samples = [];
  const take = () => {
    const rss = rssOf(pid);
    if (rss !== null) samples.push(rss);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const peak = samples.length ? Math.max(...samples) : null;
      const mean = samples.length ? samples.reduce((sum, value) => sum + value, 0) / samples.length : null;
      return { peakBytes: peak, meanBytes: mean, samples: samples.length };
    },
  };
}
