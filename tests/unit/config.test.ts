import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('defaults to SQLite, port 3978, both local modes, demo data and Zurich time', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      host: undefined,
      databaseUrl: 'sqlite:./data/crewdesk.db',
      bot: { localMode: true, appType: 'MultiTenant' },
      tabApi: { localMode: true, authorityHost: 'https://login.microsoftonline.com' },
      demo: true,
      timeZone: 'Europe/Zurich',
      reminderTime: '17:30',
      ticketWebhook: null,
      allowedTenantIds: [],
    });
  });

  it('turns the demo off by default once either identity is configured', () => {
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret' }).demo).toBe(false);
    expect(loadConfig({ AAD_APP_CLIENT_ID: 'id', AAD_APP_TENANT_ID: 'common' }).demo).toBe(false);
    expect(
      loadConfig({ AAD_APP_CLIENT_ID: 'id', AAD_APP_TENANT_ID: 'common', CREWDESK_DEMO: 'true' }).demo,
    ).toBe(true);
  });

  it('reads the tenant allow-list and an empty reminder time as "off"', () => {
    const config = loadConfig({ ALLOWED_TENANT_IDS: ' t1, t2 ,,', CREWDESK_REMINDER_TIME: '' });
    expect(config.allowedTenantIds).toEqual(['t1', 't2']);
    expect(config.reminderTime).toBeNull();
  });

  it('lists every problem at once, naming each setting', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db',
      MicrosoftAppType: 'Weird',
      CREWDESK_TIMEZONE: 'Mars/Olympus',
      CREWDESK_REMINDER_TIME: '25:00',
      CREWDESK_DEMO: 'maybe',
      AAD_APP_OAUTH_AUTHORITY_HOST: 'http://login.example.com',
    });
    const named = problems.map((problem) => problem.split('=')[0]);
    expect(named).toEqual(
      expect.arrayContaining([
        'PORT',
        'DATABASE_URL',
        'MicrosoftAppType',
        'CREWDESK_TIMEZONE',
        'CREWDESK_REMINDER_TIME',
        'CREWDESK_DEMO',
        'AAD_APP_OAUTH_AUTHORITY_HOST',
      ]),
    );
  });

  it('requires the secrets that go with an identity', () => {
    expect(problemsOf({ MicrosoftAppId: 'bot' })).toEqual([
      'MicrosoftAppPassword is required when MicrosoftAppId is set',
    ]);
    expect(problemsOf({ AAD_APP_CLIENT_ID: 'tab' })[0]).toContain('AAD_APP_TENANT_ID is required');
    expect(problemsOf({ CREWDESK_TICKET_WEBHOOK_URL: 'https://hooks.example/ticket' })[0]).toContain(
      'CREWDESK_TICKET_WEBHOOK_SECRET',
    );
  });

  it('accepts an http authority host only on loopback, for tests', () => {
    expect(loadConfig({ AAD_APP_OAUTH_AUTHORITY_HOST: 'http://127.0.0.1:8080/' }).tabApi.authorityHost).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('explains the problems in one readable message', () => {
    expect(() => loadConfig({ PORT: '-1' })).toThrow(
      /Crewdesk cannot start; fix these settings:\n {2}- PORT/,
    );
  });
});
