import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import { startCrewdesk, type RunningCrewdesk } from '../../src/main.js';
import { createLogger } from '../../src/observability/logger.js';

export interface CrewdeskUnderTest extends RunningCrewdesk {
  baseUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The real Crewdesk server, in this process, on an ephemeral loopback port, with its own SQLite
 * database (or `env.DATABASE_URL`), the demo organisation, bot local mode and API local mode
 * unless `env` says otherwise. Waits until /readyz would answer 200.
 */
export async function startCrewdeskForTest(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    waitUntilReady?: boolean;
    /** Also seed two months of demo hours (about 50,000 entries); off unless a test needs them. */
    demoHours?: boolean;
  } = {},
): Promise<CrewdeskUnderTest> {
  const folder = mkdtempSync(join(tmpdir(), 'crewdesk-test-'));
  const databaseUrl = options.env?.DATABASE_URL ?? `sqlite:${join(folder, 'crewdesk.db')}`;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CREWDESK_DEMO: 'true',
    // No reminder rounds on the real clock in the middle of a test; reminder tests turn them on.
    CREWDESK_REMINDER_TIME: '',
    ...options.env,
    DATABASE_URL: databaseUrl,
  });
  const running = await startCrewdesk({
    config,
    ...(options.clock ? { clock: options.clock } : {}),
    demoHours: options.demoHours ?? false,
    logger: createLogger({ level: process.env.CREWDESK_TEST_LOG_LEVEL ?? 'silent' }),
  });
  if (options.waitUntilReady !== false) await running.ready;
  return {
    ...running,
    baseUrl: running.url,
    databaseUrl,
    async stop() {
      await running.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
