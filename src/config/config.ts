import { z } from 'zod';
import { isValidTimeZone } from '../domain/shared/calendar-date.js';
import { EQUIPMENT_KINDS, type EquipmentKind } from '../domain/equipment/catalogue.js';

/**
 * The only reader of process.env. Names are part of the product's contract (docs: README,
 * ../shared/design.md); every problem is reported at once so an operator fixes them in one go.
 */
export interface Config {
  port: number;
  host: string | undefined;
  databaseUrl: string;
  logLevel: string;
  bot: {
    appId: string;
    appPassword: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    appTenantId: string;
    openIdMetadataUrl: string | undefined;
    /** No MicrosoftAppId: inbound requests are not authenticated (local development only). */
    localMode: boolean;
  };
  allowedTenantIds: string[];
  tabApi: {
    clientId: string;
    clientSecret: string;
    tenantId: string;
    authorityHost: string;
    /** No AAD_APP_CLIENT_ID: the tab API accepts a demo user chosen in the tab. */
    localMode: boolean;
  };
  demo: boolean;
  timeZone: string;
  /** `HH:MM` local time of the daily reminder, or null when reminders are off. */
  reminderTime: string | null;
  ticketWebhook: { url: string; secret: string } | null;
  /** The equipment kinds the request form offers, in order; null = the whole default catalogue. */
  equipmentKinds: EquipmentKind[] | null;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      `Crewdesk cannot start; fix these settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const text = z
  .string()
  .optional()
  .transform((value) => (value ?? '').trim());

const booleanText = z
  .string()
  .optional()
  .transform((value, context) => {
    const normalized = (value ?? '').trim().toLowerCase();
    if (normalized === '') return undefined;
    if (['1', 'true', 'yes', 'on'].includes(normalized)) return true;
    if (['0', 'false', 'no', 'off'].includes(normalized)) return false;
    context.addIssue({ code: z.ZodIssueCode.custom, message: 'must be true or false' });
    return z.NEVER;
  });

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

const environmentSchema = z.object({
  PORT: text.pipe(
    z
      .string()
      .regex(/^\d*$/, 'must be a port number')
      .transform((value) => (value === '' ? 3978 : Number(value)))
      .pipe(z.number().int().min(0, 'must be a port number').max(65535, 'must be a port number')),
  ),
  HOST: text,
  DATABASE_URL: text.refine(
    (value) => value === '' || value.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(value),
    'must be sqlite:<path> or postgres://…',
  ),
  LOG_LEVEL: text.refine(
    (value) => value === '' || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(value),
    'must be one of fatal, error, warn, info, debug, trace, silent',
  ),
  MicrosoftAppId: text,
  MicrosoftAppPassword: text,
  MicrosoftAppType: text.refine(
    (value) => value === '' || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(value),
    'must be MultiTenant, SingleTenant or UserAssignedMSI',
  ),
  MicrosoftAppTenantId: text,
  BotOpenIdMetadata: text.refine((value) => value === '' || URL.canParse(value), 'must be a URL'),
  ALLOWED_TENANT_IDS: text,
  AAD_APP_CLIENT_ID: text,
  AAD_APP_CLIENT_SECRET: text,
  AAD_APP_TENANT_ID: text,
  AAD_APP_OAUTH_AUTHORITY_HOST: text.refine((value) => {
    if (value === '') return true;
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return url.protocol === 'https:' || isLoopbackHttp(url);
  }, 'must be an https:// URL (http:// only on loopback, for tests)'),
  CREWDESK_DEMO: booleanText,
  CREWDESK_TIMEZONE: text.refine(
    (value) => value === '' || isValidTimeZone(value),
    'must be an IANA time zone such as Europe/Zurich',
  ),
  CREWDESK_REMINDER_TIME: z
    .string()
    .optional()
    .refine(
      (value) => value === undefined || value.trim() === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(value.trim()),
      'must be a time HH:MM (24 h) or empty to turn reminders off',
    ),
  CREWDESK_TICKET_WEBHOOK_URL: text.refine(
    (value) => value === '' || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)),
    'must be an http(s) URL',
  ),
  CREWDESK_TICKET_WEBHOOK_SECRET: text,
  CREWDESK_EQUIPMENT_CATALOGUE: text.refine(
    (value) =>
      value
        .split(',')
        .map((kind) => kind.trim())
        .filter(Boolean)
        .every((kind) => (EQUIPMENT_KINDS as readonly string[]).includes(kind)),
    `must be a comma list of ${EQUIPMENT_KINDS.join(', ')} (empty = all)`,
  ),
});

function crossFieldProblems(raw: (name: string) => string): string[] {
  const problems: string[] = [];
  const appType = raw('MicrosoftAppType') || 'MultiTenant';
  if (raw('MicrosoftAppId') && appType !== 'UserAssignedMSI' && !raw('MicrosoftAppPassword')) {
    problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (raw('MicrosoftAppId') && appType === 'SingleTenant' && !raw('MicrosoftAppTenantId')) {
    problems.push('MicrosoftAppTenantId is required when MicrosoftAppType=SingleTenant');
  }
  if (raw('AAD_APP_CLIENT_ID') && !raw('AAD_APP_TENANT_ID')) {
    problems.push(
      'AAD_APP_TENANT_ID is required when AAD_APP_CLIENT_ID is set (use "common" for any tenant)',
    );
  }
  if (raw('CREWDESK_TICKET_WEBHOOK_URL') && !raw('CREWDESK_TICKET_WEBHOOK_SECRET')) {
    problems.push('CREWDESK_TICKET_WEBHOOK_SECRET is required when CREWDESK_TICKET_WEBHOOK_URL is set');
  }
  return problems;
}

export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      problems.push(`${name}=${JSON.stringify(environment[name] ?? '')}: ${issue.message}`);
    }
  }
  problems.push(...crossFieldProblems((name) => (environment[name] ?? '').trim()));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  const appType = (env.MicrosoftAppType || 'MultiTenant') as Config['bot']['appType'];

  const botLocalMode = env.MicrosoftAppId === '';
  const apiLocalMode = env.AAD_APP_CLIENT_ID === '';
  const reminder = (environment.CREWDESK_REMINDER_TIME ?? '17:30').trim();
  const equipmentKinds = env.CREWDESK_EQUIPMENT_CATALOGUE.split(',')
    .map((kind) => kind.trim())
    .filter(Boolean) as EquipmentKind[];

  return {
    port: env.PORT,
    host: env.HOST || undefined,
    databaseUrl: env.DATABASE_URL || 'sqlite:./data/crewdesk.db',
    logLevel: env.LOG_LEVEL || 'info',
    bot: {
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType,
      appTenantId: env.MicrosoftAppTenantId,
      openIdMetadataUrl: env.BotOpenIdMetadata || undefined,
      localMode: botLocalMode,
    },
    allowedTenantIds: env.ALLOWED_TENANT_IDS.split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    tabApi: {
      clientId: env.AAD_APP_CLIENT_ID,
      clientSecret: env.AAD_APP_CLIENT_SECRET,
      tenantId: env.AAD_APP_TENANT_ID,
      authorityHost: (env.AAD_APP_OAUTH_AUTHORITY_HOST || 'https://login.microsoftonline.com').replace(
        /\/+$/,
        '',
      ),
      localMode: apiLocalMode,
    },
    demo: env.CREWDESK_DEMO ?? (botLocalMode && apiLocalMode),
    timeZone: env.CREWDESK_TIMEZONE || 'Europe/Zurich',
    reminderTime: reminder === '' ? null : reminder,
    ticketWebhook: env.CREWDESK_TICKET_WEBHOOK_URL
      ? { url: env.CREWDESK_TICKET_WEBHOOK_URL, secret: env.CREWDESK_TICKET_WEBHOOK_SECRET }
      : null,
    equipmentKinds: equipmentKinds.length > 0 ? equipmentKinds : null,
  };
}
