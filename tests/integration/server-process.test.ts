import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from '../../scripts/ensure-built.js';

const projectRoot = join(import.meta.dirname, '..', '..');

interface Started {
  output: () => string;
  exited: Promise<number | null>;
  stop(): void;
}

function startServerProcess(env: Record<string, string>): Started {
  const child = spawn('node', [join(projectRoot, 'dist', 'main.js')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  return {
    output: () => output,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    stop: () => child.kill('SIGTERM'),
  };
}

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the server process', () => {
  beforeAll(async () => {
    await ensureServerBuilt();
  });

  it('starts offline with the SQLite default and the demo data, and stops on SIGTERM', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'crewdesk-process-'));
    const server = startServerProcess({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(folder, 'db.sqlite')}`,
    });
    try {
      const url = await waitFor(() => /Crewdesk runs on (http:\/\/\S+)/.exec(server.output())?.[1], 20_000);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // Readiness waits for the demo seed, two months of hours included: seconds, more under load.
      await waitFor(async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined), 150_000);
      expect(server.output()).toContain('bot local mode');
      server.stop();
      expect(await server.exited).toBe(0);
    } finally {
      server.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses to start on invalid settings with one message listing every problem', async () => {
    const server = startServerProcess({
      PORT: 'x',
      CREWDESK_TIMEZONE: 'Nowhere/Town',
      MicrosoftAppId: 'bot',
    });
    expect(await server.exited).toBe(1);
    const output = server.output();
    expect(output).toContain('Crewdesk cannot start; fix these settings:');
    expect(output).toContain('PORT');
    expect(output).toContain('CREWDESK_TIMEZONE');
    expect(output).toContain('MicrosoftAppPassword is required');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
