import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { featuredDemoPeople, generateDemoOrganisation } from './demo/demo-organisation.js';
import {
  seedDemoEquipment,
  seedDemoHours,
  seedDemoOrganisation,
  seedDemoRotations,
  seedDemoTickets,
} from './demo/seed-demo.js';
import { createHoursService } from './domain/hours/hours-service.js';
import { createRotationService } from './domain/rotation/rotation-service.js';
import { calendarDateIn } from './domain/shared/calendar-date.js';
import type { Clock } from './domain/shared/clock.js';
import { createApiCallerResolver } from './http/api-caller.js';
import { createEntraTokenValidator } from './http/entra-token-validator.js';
import { Readiness } from './http/readiness.js';
import { BOT_SENDER_LIMIT, createApiRateLimit, createSenderLimit } from './http/rate-limits.js';
import { createHttpServer } from './http/server.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { openStore, type Store } from './storage/store.js';
import { createBotAdapter } from './teams/bot-adapter.js';
import { createCrewdeskBot } from './teams/crewdesk-bot.js';
import { createOutbox } from './domain/proactive/outbound-message.js';
import { runReminderRound, type ReminderRoundOutcome } from './domain/proactive/reminder-round.js';
import { notifyRotationMembers } from './teams/rotation-notices.js';
import {
  createProactiveWorker,
  createSendRateLimiter,
  TEAMS_RATE_LIMITS,
  type RoundOutcome,
} from './teams/proactive-sender.js';
import { reminderPayload } from './teams/reminder-actions.js';
import { startPeriodicRound, type PeriodicRound } from './teams/periodic-round.js';
import { createTimesheetService } from './domain/hours/timesheet-service.js';
import { createTicketWebhookSender } from './integrations/ticket-webhook.js';
import { createPrivacyService } from './domain/privacy/personal-data.js';
import { timesheetRenderer } from './teams/timesheet-actions.js';
import { createSupportService } from './domain/support/support-service.js';
import { supportRenderer } from './teams/support-handlers.js';
import { createEquipmentService } from './domain/equipment/equipment-service.js';
import { catalogueOf } from './domain/equipment/catalogue.js';
import { equipmentRenderer } from './teams/equipment-handlers.js';
import { createSwapRequestService } from './domain/rotation/swap-request-service.js';
import { rotationSwapRenderer } from './teams/rotation-swap-actions.js';

const systemClock: Clock = { now: () => new Date() };

export interface RunningCrewdesk {
  url: string;
  port: number;
  store: Store;
  readiness: Readiness;
  /** Resolves when migrations and the demo seed are done (or rejects when they failed). */
  ready: Promise<void>;
  /** The proactive sender and the reminders (they also run on their own once ready). */
  proactive: {
    deliverDue(): Promise<RoundOutcome>;
    runReminders(): Promise<ReminderRoundOutcome>;
    /** Opens the month-end approval round when it is due (first work day, from 08:00); null when not. */
    openApprovalRound(): Promise<{ month: string; managers: number; approvals: number } | null>;
    /** Tells queues and admins about tickets whose first answer is overdue (also every minute). */
    escalateOverdue(): Promise<number>;
  };
  /** Every route the HTTP server answers (the authorisation table test walks them all). */
  routes(): { method: string; path: string }[];
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
  const timesheets = createTimesheetService({
    ports: store,
    clock,
    newId: randomUUID,
    renderer: timesheetRenderer(),
  });
  const privacy = createPrivacyService({ ports: store, clock, newId: randomUUID });
  const adapter = createBotAdapter(config.bot);
  const support = createSupportService(store, {
    clock,
    newId: randomUUID,
    timeZone: config.timeZone,
    renderer: supportRenderer({ timeZone: config.timeZone }),
    webhook: config.ticketWebhook !== null,
  });
  const equipment = createEquipmentService(store, {
    clock,
    newId: randomUUID,
    renderer: equipmentRenderer(),
    ...(config.equipmentKinds ? { catalogue: catalogueOf(config.equipmentKinds) } : {}),
  });
  const swapRequests = createSwapRequestService({
    ports: store,
    clock,
    newId: randomUUID,
    renderer: rotationSwapRenderer(),
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
    // Limits and turn order hold across instances on PostgreSQL (issue 8; store.coordination).
    senderLimit: createSenderLimit(BOT_SENDER_LIMIT, store.coordination.rateLimiters),
    turnLock: store.coordination.conversationLock,
    support: { support, directory: store.directory },
    equipment: { equipment, directory: store.directory },
    timesheets: { timesheets },
    rotationSwaps: { swapRequests },
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
    apiRateLimit: createApiRateLimit({ resolveCaller, limiters: store.coordination.rateLimiters }),
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
      monthLocks: store.timesheets,
      hours,
      resolveCaller,
      clock,
      timeZone: config.timeZone,
      logger,
    },
    deliveriesApi: { directory: store.directory, outbound: store.outbound, resolveCaller, logger },
    supportApi: { directory: store.directory, support, equipment, resolveCaller, logger },
    equipmentApi: { equipment, resolveCaller, logger },
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
    privacyApi: { directory: store.directory, privacy, resolveCaller, logger },
    rotationSwapApi: {
      directory: store.directory,
      swapRequests,
      resolveCaller,
      clock,
      timeZone: config.timeZone,
      logger,
    },
    monthEndApi: {
      directory: store.directory,
      timesheets,
      audit: store.audit,
      resolveCaller,
      clock,
      timeZone: config.timeZone,
      logger,
    },
    tabFolder: options.tabFolder ?? join(projectRoot, 'tab', 'dist'),
  });

  // One sender for everything Crewdesk sends on its own; started once the database is ready.
  const worker = createProactiveWorker({
    ...(config.ticketWebhook ? { webhook: createTicketWebhookSender(config.ticketWebhook) } : {}),
    store,
    adapter,
    botAppId: config.bot.appId,
    clock,
    logger,
    metrics,
    limiter: createSendRateLimiter(TEAMS_RATE_LIMITS, store.coordination),
  });
  const reminderTime = config.reminderTime;
  const queueReminders = async (): Promise<ReminderRoundOutcome> =>
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
  const runReminders = async (): Promise<ReminderRoundOutcome> => {
    const outcome = await queueReminders();
    // Delivered from now, not from the worker's next poll.
    if (outcome.queued.length > 0) worker.wake();
    return outcome;
  };
  // Month end: on the first work day of a month, from 08:00 in the organisation's zone, each
  // manager gets the past month of their team to approve (issue 4). A round that finds everyone
  // served does nothing; after the tenth nobody is due any more.
  const openApprovalRound = async () => {
    const now = clock.now();
    const today = calendarDateIn(now, config.timeZone);
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: config.timeZone,
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(now),
    );
    if (hour < 8 || Number(today.slice(8, 10)) > 10) return null;
    return timesheets.openApprovalRound({ today });
  };
  const rounds: PeriodicRound[] = [];

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
    if (config.demo) {
      readiness.markStarting('seeding demo equipment');
      const seeded = await seedDemoEquipment(store, {
        createdAt: clock.now().toISOString(),
        newId: randomUUID,
      });
      if (seeded.seeded) logger.info(seeded, 'demo equipment seeded');
      const tickets = await seedDemoTickets(store, {
        createdAt: clock.now().toISOString(),
        newId: randomUUID,
        timeZone: config.timeZone,
      });
      if (tickets.seeded) logger.info(tickets, 'demo tickets seeded');
    }
    readiness.markReady();
    worker.start();
    if (reminderTime !== null) {
      rounds.push(
        startPeriodicRound({
          name: 'reminders',
          logger,
          round: async () => {
            const { queued, problems } = await runReminders();
            if (queued.length > 0) logger.info({ queued: queued.length }, 'reminders queued');
            for (const problem of problems)
              logger.warn(problem, 'no reminder: the person’s targets are unknown');
          },
        }),
      );
    }
    rounds.push(
      startPeriodicRound({
        name: 'sla escalation',
        logger,
        round: async () => {
          const escalated = await support.escalateOverdue();
          if (escalated.length > 0)
            logger.info({ tickets: escalated.map((ticket) => ticket.number) }, 'overdue tickets escalated');
        },
      }),
    );
    rounds.push(
      startPeriodicRound({
        // Time records leave once the 5-year retention duty is over (nFADP, ArGV 1 art. 73).
        name: 'retention purge',
        logger,
        intervalMs: 6 * 60 * 60_000,
        round: async () => {
          const purged = await privacy.purgeExpired({ today: calendarDateIn(clock.now(), config.timeZone) });
          if (purged.entries + purged.auditEvents > 0)
            logger.info(purged, 'records past their retention purged');
        },
      }),
    );
    rounds.push(
      startPeriodicRound({
        name: 'month-end approvals',
        logger,
        intervalMs: 5 * 60_000,
        round: async () => {
          const opened = await openApprovalRound();
          if (opened && opened.managers > 0) logger.info(opened, 'month-end approval requests queued');
        },
      }),
    );
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
    proactive: {
      deliverDue: () => worker.runOnce(),
      runReminders,
      openApprovalRound,
      escalateOverdue: async () => (await support.escalateOverdue()).length,
    },
    routes: () =>
      (server.getDebugInfo() as { routes: { method: string; path: string }[] }).routes.map((route) => ({
        method: route.method.toUpperCase(),
        path: route.path,
      })),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ready.catch(() => undefined);
      for (const round of rounds) round.stop();
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
