import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets never reach the log: credentials, tokens and authorization
 * headers are redacted wherever they appear in a logged object.
 */
export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { app: 'crewdesk' },
      redact: {
        paths: [
          'MicrosoftAppPassword',
          'AAD_APP_CLIENT_SECRET',
          'CREWDESK_TICKET_WEBHOOK_SECRET',
          '*.MicrosoftAppPassword',
          '*.appPassword',
          '*.clientSecret',
          '*.secret',
          '*.password',
          'req.headers.authorization',
          'headers.authorization',
          '*.authorization',
          '*.token',
          'databaseUrl',
          '*.databaseUrl',
        ],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
