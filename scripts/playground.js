// `npm run playground`: Microsoft 365 Agents Playground (formerly Teams App Test Tool; npm package
// @microsoft/teams-app-test-tool, command `teamsapptester`) against the local Crewdesk bot, offline
// and without a Microsoft 365 tenant. Starts the Crewdesk server too when nothing answers on
// http://127.0.0.1:$PORT/healthz, and stops it again on Ctrl-C. The playground writes ./devTools/.
//
// Settings (environment): PORT (the bot's port, 3978), TEAMSAPPTESTER_PORT (the playground's,
// 56150), TEAMSAPPTESTER_BROWSER=none to keep it from opening a browser.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const botPort = Number(process.env.PORT || 3978);
const playgroundPort = Number(process.env.TEAMSAPPTESTER_PORT || 56150);
const healthUrl = `http://127.0.0.1:${botPort}/healthz`;
const botEndpoint = `http://127.0.0.1:${botPort}/api/messages`;
const isWindows = process.platform === 'win32';

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let stopping = false;

/** @param {string} message */
function say(message) {
  console.log(`playground: ${message}`);
}

/** @param {string} message */
function fail(message) {
  console.error(`playground: ${message}`);
  void stopAll().then(() => process.exit(1));
}

/**
 * Starts a child whose output is shown line by line behind a label.
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @param {(line: string) => void} [onLine]
 */
function start(label, command, args, env, onLine) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], shell: isWindows });
  children.add(child);
  child.on('exit', () => children.delete(child));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      console.log(`${label} │ ${line}`);
      onLine?.(line);
    });
  }
  return child;
}

/** @param {import('node:child_process').ChildProcess} child */
function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function stopAll() {
  stopping = true;
  const running = [...children];
  for (const child of running) child.kill('SIGTERM');
  const forced = setTimeout(() => running.forEach((child) => child.kill('SIGKILL')), 10_000);
  await Promise.all(running.map(exited));
  clearTimeout(forced);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (stopping) return;
    say('stopping…');
    void stopAll().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

/** 'up' when Crewdesk answers /healthz, 'down' when nothing listens, else what answered. */
async function probeBot() {
  try {
    const response = await fetch(healthUrl, { signal: AbortSignal.timeout(1500) });
    return response.ok ? 'up' : `GET /healthz answered ${response.status}`;
  } catch {
    return 'down';
  }
}

/** @param {string} name */
function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((folder) => {
    try {
      accessSync(join(folder, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The playground opens a browser itself unless told otherwise; only let it where one can open. */
function browserSetting() {
  if (process.env.TEAMSAPPTESTER_BROWSER !== undefined) return process.env.TEAMSAPPTESTER_BROWSER;
  const interactive = process.stdout.isTTY && !process.env.CI;
  const canOpen =
    process.platform !== 'linux' ||
    (Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && onPath('xdg-open'));
  return interactive && canOpen ? undefined : 'none';
}

async function startCrewdesk() {
  say(
    `nothing answers on ${healthUrl}: building if needed and starting Crewdesk (it stops with the playground)…`,
  );
  const build = start('build', process.execPath, ['scripts/ensure-built.js'], process.env);
  if ((await exited(build)) !== 0) throw new Error('the build failed (see above)');
  if (stopping) return;
  const server = start('crewdesk', process.execPath, ['dist/main.js'], {
    ...process.env,
    PORT: String(botPort),
  });
  server.once('exit', (code) => {
    if (!stopping) fail(`the Crewdesk server stopped (exit code ${code}).`);
  });
  const deadline = Date.now() + 60_000;
  while ((await probeBot()) !== 'up') {
    if (stopping) return;
    if (Date.now() > deadline) throw new Error(`Crewdesk did not answer ${healthUrl} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main() {
  const tester = join(root, 'node_modules', '.bin', isWindows ? 'teamsapptester.cmd' : 'teamsapptester');
  try {
    accessSync(tester);
  } catch {
    throw new Error(`${tester} is missing: run npm install (dev dependency @microsoft/teams-app-test-tool).`);
  }

  const bot = await probeBot();
  if (bot === 'up') say(`using the Crewdesk server already running on port ${botPort}.`);
  else if (bot === 'down') await startCrewdesk();
  else throw new Error(`something else listens on port ${botPort} (${bot}); stop it or choose another PORT.`);
  if (stopping) return;

  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, BOT_ENDPOINT: botEndpoint, TEAMSAPPTESTER_PORT: String(playgroundPort) };
  const browser = browserSetting();
  if (browser === undefined) delete env.TEAMSAPPTESTER_BROWSER;
  else env.TEAMSAPPTESTER_BROWSER = browser;

  const playground = start('agents-playground', tester, ['start', '--disable-telemetry'], env, (line) => {
    // It falls back to a random port when the one asked for is taken: show the real one.
    const listening = /Listening on (\d+)/.exec(line);
    if (!listening) return;
    const url = `http://localhost:${listening[1]}`;
    const note = Number(listening[1]) === playgroundPort ? '' : ` (port ${playgroundPort} was taken)`;
    console.log(
      [
        '',
        '  ┌──────────────────────────────────────────────────────────────',
        `  │ Microsoft 365 Agents Playground: ${url}${note}`,
        `  │ Chatting with Crewdesk at ${botEndpoint}`,
        '  │ Try "help", "8h", "7h30 yesterday", "aide". Ctrl-C stops everything.',
        '  └──────────────────────────────────────────────────────────────',
        '',
      ].join('\n'),
    );
  });
  const code = await exited(playground);
  if (!stopping) {
    await stopAll();
    process.exit(code ?? 1);
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
