// The child side of the benchmark processes: talk to bench/run.js over IPC, stop when it is gone,
// and never outlive a bounded lifetime.

/** Sends a message to the parent when there is one (run standalone, the process just prints). */
export function tell(message) {
  if (process.send) process.send(message);
}

/**
 * Calls `stop` once, on SIGINT/SIGTERM, on a `{ type: 'stop' }` message, when the parent goes away, or
 * after `maxSeconds`; `stop` should clean up and then exit the process normally (so that
 * `--cpu-prof` writes its profile).
 */
export function stopWhenAsked(stop, { maxSeconds = 900 } = {}) {
  let stopping = false;
  const once = (reason) => {
    if (stopping) return;
    stopping = true;
    // A cleanup that hangs (a pool that never drains) must not keep the process alive.
    setTimeout(() => process.exit(), 15_000).unref();
    Promise.resolve()
      .then(() => stop(reason))
      .catch((error) => {
        process.stderr.write(`${process.argv[1]}: stopping failed: ${error?.stack ?? error}\n`);
        process.exitCode = 1;
      })
      .finally(() => {
        process.disconnect?.();
        // Whatever still holds the event loop (keep-alive sockets, pools) must not keep us alive.
        setTimeout(() => process.exit(), 2000).unref();
      });
  };
  process.once('SIGINT', () => once('SIGINT'));
  process.once('SIGTERM', () => once('SIGTERM'));
  process.on('message', (message) => {
    if (message?.type === 'stop') once('asked');
  });
  process.once('disconnect', () => once('parent gone'));
  setTimeout(() => once(`${maxSeconds} s lifetime reached`), maxSeconds * 1000).unref();
}

/** Answers `{ type: 'memory', gc }` with process.memoryUsage(), after a full GC when allowed. */
export function answerMemoryQueries() {
  process.on('message', (message) => {
    if (message?.type !== 'memory') return;
    if (message.gc && typeof globalThis.gc === 'function') globalThis.gc();
    tell({ type: 'memory', usage: process.memoryUsage(), gcRan: Boolean(message.gc && globalThis.gc) });
  });
}

/** `--name value` and `--flag` arguments. */
export function parseArguments(argv = process.argv.slice(2)) {
  const options = {};
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (!argument.startsWith('--')) continue;
    const name = argument.slice(2);
    const next = argv[index + 1];
    if (next !== undefined && !next.startsWith('--')) {
      options[name] = next;
      index++;
    } else options[name] = true;
  }
  return options;
}
