import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { featuredDemoPeople, generateDemoOrganisation } from './demo/demo-organisation.js';
import { seedDemoHours, seedDemoOrganisation, seedDemoRotations } from './demo/seed-demo.js';
import { createHoursService } from './domain/hours/hours-service.js';
import { createRotationService } from './domain/rotation/rotation-service.js';
import { calendarDateIn } from './domain/shared/calendar-date.js';
import type { Clock } from './domain/shared/clock.js';
import { createApiCallerResolver } from './http/api-caller.js';
import { createEntraTokenValidator } from './http/entra-token-validator.js';
import { Readiness } from './http/readiness.js';
import { createApiRateLimit, createSenderLimit } from './http/rate-limits.js';
import { createHttpServer } from './http/server.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { openStore, type Store } from './storage/store.js';
import { createBotAdapter } from './teams/bot-adapter.js';
import { createCrewdeskBot } from './teams/crewdesk-bot.js';
import { createOutbox } from './domain/proactive/outbound-message.js';
import { runReminderRound, type ReminderRoundOutcome } from './domain/proactive/reminder-round.js';
import { notifyRotationMembers } from './teams/rotation-notices.js';
import { createProactiveWorker, type RoundOutcome } from './teams/proactive-sender.js';
import { reminderPayload, startReminderScheduler, type ReminderScheduler } from './teams/reminder-actions.js';
import { createSupportService } from './domain/support/support-service.js';
import { supportRenderer } from './teams/support-handlers.js';

const systemClock: Clock = { now: () => new Date() };

export interface RunningCrewdesk {
  url: string;
  port: number;
  store: Store;
  readiness: Readiness;
  /** Resolves when migrations and the demo seed are done (or rejects when they failed). */
  ready: Promise<void>;
  /** The proactive sender and the reminders (they also run on their own once ready). */
  proactive: { deliverDue(): Promise<RoundOutcome>; runReminders(): Promise<ReminderRoundOutcome> };
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  tabFolder?: string;
  /** Seed two months of demo hours along with a fresh demo organisation (default true). */
  demoHours?: boolean;
  /** Seed published demo rotations (head office and three stores) when there are none (default true). */
  demoRotations?: boolean;
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
  const adapter = createBotAdapter(config.bot);
  const support = createSupportService(store, {
    clock,
    newId: randomUUID,
    timeZone: config.timeZone,
    renderer: supportRenderer({ timeZone: config.timeZone }),
  });
  const bot = createCrewdeskBot({
    outbound: store.outbound,
    adapter,
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
    senderLimit: createSenderLimit(),
    support: { support, directory: store.directory },
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
    apiRateLimit: createApiRateLimit({ resolveCaller }),
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
    deliveriesApi: { directory: store.directory, outbound: store.outbound, resolveCaller, logger },
    supportApi: { directory: store.directory, support, resolveCaller, logger },
    rotationApi: {
      directory: store.directory,
      hoursRepository: store.hours,
      rotationRepository: store.rotations,
      rotations: createRotationService(store, { newId: randomUUID }),
      resolveCaller,
      clock,
      timeZone: config.timeZone,
      logger,
      notifyMembers: async (rotation) => {
        const queued = await notifyRotationMembers(
          {
            outbox: createOutbox({ outbound: store.outbound, clock, newId: randomUUID }),
            directory: store.directory,
          },
          rotation,
        );
        logger.info({ rotationId: rotation.id, queued }, 'rotation published; members are told their days');
      },
    },
    tabFolder: options.tabFolder ?? join(projectRoot, 'tab', 'dist'),
  });

  // One sender for everything Crewdesk sends on its own; started once the database is ready.
  const worker = createProactiveWorker({
    store,
    adapter,
    botAppId: config.bot.appId,
    clock,
    logger,
    metrics,
  });
  const reminderTime = config.reminderTime;
  const runReminders = async (): Promise<ReminderRoundOutcome> =>
    reminderTime === null
      ? { queued: [], problems: [] }
      : runReminderRound(
          {
            directory: store.directory,
            hours: store.hours,
            outbound: store.outbound,
            clock,
            newId: randomUUID,
            renderReminder: reminderPayload,
            // A day the published rotation marks as off needs no reminder.
            rotationDaysOff: async (dates) => {
              const sorted = [...dates].sort();
              if (sorted.length === 0) return [];
              const days = await store.rotations.publishedDays({ from: sorted[0]!, to: sorted.at(-1)! });
              return days.filter((day) => day.place === 'off');
            },
          },
          { reminderTime, defaultTimeZone: config.timeZone },
        );
  let reminders: ReminderScheduler | null = null;

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
    if (config.demo && (options.demoRotations ?? true)) {
      readiness.markStarting('seeding demo rotations');
      const now = clock.now();
      const rotations = await seedDemoRotations(store, {
        today: calendarDateIn(now, config.timeZone),
        createdAt: now.toISOString(),
        newId: randomUUID,
      });
      if (rotations.seeded) logger.info(rotations, 'demo rotations seeded');
    }
    readiness.markReady();
    worker.start();
    if (reminderTime !== null) reminders = startReminderScheduler({ runRound: runReminders, logger });
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
    proactive: { deliverDue: () => worker.runOnce(), runReminders },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ready.catch(() => undefined);
      reminders?.stop();
      await worker.stop();
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
