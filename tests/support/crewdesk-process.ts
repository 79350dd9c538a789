import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * The built server (dist/main.js) as a real child process — what runs in production, one per
 * instance — on an ephemeral loopback port. Bot and API local mode unless `env` says otherwise, no
 * demo organisation, no reminder timer. `stop()` sends SIGTERM and waits; `kill()` SIGKILL.
 */
export interface CrewdeskProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
  output(): string;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

const projectRoot = join(import.meta.dirname, '..', '..');

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  what = 'a condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startCrewdeskProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<CrewdeskProcess> {
  const child = spawn('node', [join(projectRoot, 'dist', 'main.js')], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: process.env.CREWDESK_TEST_LOG_LEVEL ?? 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      CREWDESK_DEMO: 'false',
      CREWDESK_REMINDER_TIME: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await waitFor(
    () => /Crewdesk runs on (http:\/\/\S+)/.exec(output)?.[1],
    30_000,
    'the server to listen',
  ).catch(() => {
    child.kill('SIGKILL');
    throw new Error(`the server did not start:\n${output}`);
  });
  await waitFor(
    async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined),
    60_000,
    'the server to be ready',
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}:\n${output}`);
  });
  return {
    child,
    url,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
