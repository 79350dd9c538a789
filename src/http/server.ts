import { existsSync } from 'node:fs';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { BotEndpoint } from '../teams/crewdesk-bot.js';
import type { Readiness } from './readiness.js';
import { sendError } from './api-errors.js';
import { registerHoursRoutes, type HoursRoutesDependencies } from './hours-routes.js';
import { registerRotationRoutes, type RotationRoutesDependencies } from './rotation-routes.js';
import { registerDeliveryRoutes, type DeliveryRoutesDependencies } from './delivery-routes.js';
import { registerSupportRoutes, type SupportRoutesDependencies } from './support-routes.js';
import { registerEquipmentRoutes, type EquipmentRoutesDependencies } from './equipment-routes.js';
import { registerTabApiRoutes, type TabApiDependencies } from './tab-api-routes.js';
import { registerMonthEndRoutes, type MonthEndRoutesDependencies } from './month-end-routes.js';
import { registerPrivacyRoutes, type PrivacyRoutesDependencies } from './privacy-routes.js';
import { registerRotationSwapRoutes, type RotationSwapRoutesDependencies } from './rotation-swap-routes.js';

export interface HttpDependencies {
  logger: Logger;
  metrics: Metrics;
  readiness: Readiness;
  /** Checks the database; throws when it does not answer. */
  checkDatabase: () => Promise<void>;
  bot: BotEndpoint;
  /** Per-caller limit for the tab API (`pre` handler from rate-limits.ts); none = unlimited. */
  apiRateLimit?: (req: Request, res: Response, next: (error?: false) => void) => void;
  tabApi: TabApiDependencies;
  hoursApi: HoursRoutesDependencies;
  rotationApi: RotationRoutesDependencies;
  deliveriesApi: DeliveryRoutesDependencies;
  supportApi: SupportRoutesDependencies;
  /** GET /api/equipment/holdings; none = not served. */
  equipmentApi?: EquipmentRoutesDependencies;
  /** Month locks, timesheet approvals and the audit trail; none = not served. */
  monthEndApi?: MonthEndRoutesDependencies;
  /** Personal data export and erasure (nFADP); none = not served. */
  privacyApi?: PrivacyRoutesDependencies;
  /** Swap requests of published rotations (issue 7); none = not served. */
  rotationSwapApi?: RotationSwapRoutesDependencies;
  tabFolder: string;
}

/** Bot Framework activities are small; cards and long texts stay far below this. */
const MAX_BODY_BYTES = 256 * 1024;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
};

/**
 * The tab may be framed by Teams (web, desktop, mobile, Outlook and microsoft365.com hosts) and by
 * itself, nothing else. Fluent UI inserts its styles at run time, hence 'unsafe-inline' for styles
 * only; teams-js reads its list of valid hosts from Microsoft's CDN.
 */
const TAB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://outlook.office.com https://*.microsoft365.com https://*.skype.com",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export function createHttpServer(dependencies: HttpDependencies): Server {
  const { logger, metrics, readiness } = dependencies;
  const server = restify.createServer({ name: 'crewdesk', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.use((req: Request, res: Response, next: () => void) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (req.url?.startsWith('/tab')) res.setHeader('Content-Security-Policy', TAB_CONTENT_SECURITY_POLICY);
    next();
  });

  server.on('after', (req: Request, res: Response) => {
    metrics.httpRequests.inc({
      route: req.getRoute()?.path?.toString() ?? 'unmatched',
      status: String(res.statusCode),
    });
  });
  server.on(
    'restifyError',
    (req: Request, _res: Response, error: Error & { statusCode?: number }, next: () => void) => {
      if ((error.statusCode ?? 500) >= 500) logger.error({ err: error, url: req.url }, 'request failed');
      next();
    },
  );

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    if (!readiness.ready) {
      res.status(503);
      res.json({ status: 'starting', reason: readiness.reason });
      return;
    }
    try {
      await dependencies.checkDatabase();
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check: database unavailable');
      res.status(503);
      res.json({ status: 'unavailable', reason: 'database' });
    }
  });

  server.get('/metrics', async (_req: Request, res: Response) => {
    const body = await metrics.registry.metrics();
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.sendRaw(200, body);
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!readiness.ready) {
      res.setHeader('Retry-After', '5');
      sendError(res, 503, 'starting', 'Crewdesk is starting');
      return;
    }
    const outcome = await dependencies.bot.handle(req.body, req.headers.authorization ?? '');
    // The database, the identity metadata or the connector is down for now: the Bot Connector retries.
    if (outcome.status === 503) res.setHeader('Retry-After', '5');
    res.status(outcome.status);
    if (outcome.body === undefined) res.end();
    else res.json(outcome.body);
  });

  // The API answers 503 until migrations and the demo seed are done.
  server.pre((req: Request, res: Response, next: (error?: false) => void) => {
    if (req.url?.startsWith('/api/') && !req.url.startsWith('/api/messages')) {
      if (!readiness.ready) {
        res.setHeader('Retry-After', '5');
        sendError(res, 503, 'starting', 'Crewdesk is starting');
        next(false);
        return;
      }
    }
    next();
  });
  if (dependencies.apiRateLimit) server.pre(dependencies.apiRateLimit);

  registerTabApiRoutes(server, dependencies.tabApi);
  registerHoursRoutes(server, dependencies.hoursApi);
  registerRotationRoutes(server, dependencies.rotationApi);
  registerDeliveryRoutes(server, dependencies.deliveriesApi);
  registerSupportRoutes(server, dependencies.supportApi);
  if (dependencies.equipmentApi) registerEquipmentRoutes(server, dependencies.equipmentApi);
  if (dependencies.monthEndApi) registerMonthEndRoutes(server, dependencies.monthEndApi);
  if (dependencies.privacyApi) registerPrivacyRoutes(server, dependencies.privacyApi);
  if (dependencies.rotationSwapApi) registerRotationSwapRoutes(server, dependencies.rotationSwapApi);

  const tabIndex = `${dependencies.tabFolder}/index.html`;
  const redirectToTab = async (_req: Request, res: Response) => {
    res.header('Location', '/tab/');
    res.send(302);
  };
  server.get('/', redirectToTab);
  server.get('/tab', redirectToTab);
  if (existsSync(tabIndex)) {
    server.get(
      '/tab/*',
      restify.plugins.serveStaticFiles(dependencies.tabFolder, {
        maxAge: 0,
        setHeaders: (response: { setHeader(name: string, value: string): void }, path: string) => {
          // Hashed assets never change; index.html must be revalidated to pick up a new build.
          response.setHeader(
            'Cache-Control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      }),
    );
  } else {
    logger.warn({ tabFolder: dependencies.tabFolder }, 'the tab is not built; run npm run build:tab');
    server.get('/tab/*', async (_req: Request, res: Response) => {
      sendError(res, 503, 'tab_not_built', 'The tab is not built; run npm run build:tab');
    });
  }

  return server;
}
