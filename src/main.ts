import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { featuredDemoPeople, generateDemoOrganisation } from './demo/demo-organisation.js';
import { seedDemoHours, seedDemoOrganisation } from './demo/seed-demo.js';
import { createHoursService } from './domain/hours/hours-service.js';
import { calendarDateIn } from './domain/shared/calendar-date.js';
import type { Clock } from './domain/shared/clock.js';
import { createApiCallerResolver } from './http/api-caller.js';
import { createEntraTokenValidator } from './http/entra-token-validator.js';
import { Readiness } from './http/readiness.js';
import { createHttpServer } from './http/server.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { openStore, type Store } from './storage/store.js';
import { createBotAdapter } from './teams/bot-adapter.js';
import { createCrewdeskBot } from './teams/crewdesk-bot.js';

const systemClock: Clock = { now: () => new Date() };

export interface RunningCrewdesk {
  url: string;
  port: number;
  store: Store;
  readiness: Readiness;
  /** Resolves when migrations and the demo seed are done (or rejects when they failed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  tabFolder?: string;
  /** Seed two months of demo hours along with a fresh demo organisation (default true). */
  demoHours?: boolean;
}

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Composition root: config → store → services → Teams app → HTTP server. */
export async function startCrewdesk(options: StartOptions): Promise<RunningCrewdesk> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = createMetrics();
  const readiness = new Readiness();

  if (config.bot.localMode) {
    logger.warn(
      'bot local mode: MicrosoftAppId is empty, so /api/messages accepts unauthenticated requests (development only)',
    );
  }
  if (!(config.bot.localMode && config.tabApi.localMode) && config.allowedTenantIds.length === 0) {
    logger.warn(
      'ALLOWED_TENANT_IDS is empty: any Entra tenant may use this Crewdesk; list your tenant id(s)',
    );
  }
  if (config.tabApi.localMode) {
    logger.warn(
      'API local mode: AAD_APP_CLIENT_ID is empty, so the tab API trusts the demo person the browser names (development only)',
    );
  }

  const store = openStore(config.databaseUrl, { now: () => clock.now().toISOString() });
  const hours = createHoursService({ ports: store, clock, newId: randomUUID });
  const bot = createCrewdeskBot({
    adapter: createBotAdapter(config.bot),
    botAppId: config.bot.appId,
    botState: store.botState,
    activities: store.activities,
    hours,
    store,
    clock,
    defaultTimeZone: config.timeZone,
    allowedTenantIds: config.allowedTenantIds,
    logger,
    metrics,
  });

  let featured: string[] | null = null;
  const featuredPeople = async () => (featured ??= featuredDemoPeople(generateDemoOrganisation()));
  const resolveCaller = config.tabApi.localMode
    ? createApiCallerResolver({
        mode: 'local',
        defaultPerson: async () => (await featuredPeople())[0] ?? null,
      })
    : createApiCallerResolver({
        mode: 'entra',
        validator: createEntraTokenValidator({
          clientId: config.tabApi.clientId,
          tenantId: config.tabApi.tenantId,
          authorityHost: config.tabApi.authorityHost,
          allowedTenantIds: config.allowedTenantIds,
        }),
      });

  const server = createHttpServer({
    logger,
    metrics,
    readiness,
    checkDatabase: () => store.ping(),
    bot,
    tabApi: {
      directory: store.directory,
      resolveCaller,
      clock,
      timeZone: config.timeZone,
      authMode: config.tabApi.localMode ? 'local' : 'entra',
      clientId: config.tabApi.localMode ? null : config.tabApi.clientId,
      featuredDemoPeople: featuredPeople,
      logger,
    },
    hoursApi: {
      directory: store.directory,
      hoursRepository: store.hours,
      hours,
      resolveCaller,
      clock,
      timeZone: config.timeZone,
      logger,
    },
    tabFolder: options.tabFolder ?? join(projectRoot, 'tab', 'dist'),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host && config.host !== '0.0.0.0' ? config.host : '127.0.0.1'}:${port}`;
  logger.info({ url, engine: store.engine }, 'Crewdesk is listening');

  const ready = (async () => {
    readiness.markStarting('migrating');
    await store.migrate();
    if (config.demo) {
      readiness.markStarting('seeding demo organisation');
      const outcome = await seedDemoOrganisation(store);
      if (outcome.seeded) {
        logger.info({ people: outcome.people, sites: outcome.sites }, 'demo organisation seeded');
        if (options.demoHours ?? true) {
          // Only with a fresh demo organisation; readiness waits for it (4–7 s on SQLite for 65–85k entries).
          readiness.markStarting('seeding demo hours');
          const startedAt = performance.now();
          const now = clock.now();
          const seeded = await seedDemoHours(store, {
            today: calendarDateIn(now, config.timeZone),
            createdAt: now.toISOString(),
            newId: randomUUID,
          });
          if (seeded.seeded) {
            const { entries, people, from, to } = seeded;
            const milliseconds = Math.round(performance.now() - startedAt);
            logger.info({ entries, people, from, to, milliseconds }, 'demo hours seeded');
          }
        }
      }
    }
    readiness.markReady();
    logger.info('Crewdesk is ready');
  })();
  ready.catch((error: unknown) => {
    readiness.markStarting('start-up failed; see the log');
    logger.error({ err: error }, 'Crewdesk could not prepare its database');
  });

  return {
    url,
    port,
    store,
    readiness,
    ready,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ready.catch(() => undefined);
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const running = await startCrewdesk({ config });
  const shutdown = (signal: string) => {
    process.stderr.write(`\n${signal}: stopping Crewdesk…\n`);
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.stdout.write(
    `\nCrewdesk runs on ${running.url}\n  tab:  ${running.url}/tab/\n  bot:  ${running.url}/api/messages (try: npm run playground)\n\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main();
}
