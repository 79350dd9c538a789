import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import { ALEX_WILBER } from '../support/teams-activities.js';

describe('operational endpoints and the tab API basics', () => {
  let crewdesk: CrewdeskUnderTest;

  beforeAll(async () => {
    crewdesk = await startCrewdeskForTest();
  });

  afterAll(async () => {
    await crewdesk?.stop();
  });

  it('answers /healthz and, once migrated and seeded, /readyz', async () => {
    expect((await fetch(`${crewdesk.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${crewdesk.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves Prometheus metrics including bot and HTTP counters', async () => {
    await fetch(`${crewdesk.baseUrl}/healthz`);
    const response = await fetch(`${crewdesk.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE crewdesk_http_requests_total counter');
    expect(text).toContain('crewdesk_http_requests_total{route="/healthz",status="200"}');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('lets Teams frame the tab and nothing else, and sends safe headers everywhere', async () => {
    const tab = await fetch(`${crewdesk.baseUrl}/tab/`);
    const policy = tab.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'self' https://teams.microsoft.com");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(tab.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await fetch(`${crewdesk.baseUrl}/api/config`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('seeds the demo organisation: about 1,500 people, 167 stores and a head office', async () => {
    expect(await crewdesk.store.directory.countPeople()).toBe(1500);
    const sites = await crewdesk.store.directory.listSites();
    expect(sites.filter((site) => site.kind === 'store')).toHaveLength(167);
    expect(sites.filter((site) => site.kind === 'office')).toHaveLength(1);
  });

  it('tells the tab it runs in local mode', async () => {
    const response = await fetch(`${crewdesk.baseUrl}/api/config`);
    expect(await response.json()).toEqual({ authMode: 'local', clientId: null });
  });

  it('lists featured demo people first for the "view as" picker, and finds others by name', async () => {
    const featured = (await (await fetch(`${crewdesk.baseUrl}/api/demo/users`)).json()) as {
      users: { aadObjectId: string; displayName: string; roles: string[] }[];
    };
    expect(featured.users[0]).toMatchObject({
      aadObjectId: ALEX_WILBER.aadObjectId,
      displayName: 'Alex Wilber',
    });
    const found = (await (
      await fetch(`${crewdesk.baseUrl}/api/demo/users?q=wilber`)
    ).json()) as typeof featured;
    expect(found.users.map((user) => user.displayName)).toContain('Alex Wilber');
    expect((await fetch(`${crewdesk.baseUrl}/api/demo/users?limit=0`)).status).toBe(400);
  });

  it('describes the chosen demo person on /api/me', async () => {
    const response = await fetch(`${crewdesk.baseUrl}/api/me`, {
      headers: { 'X-Crewdesk-Demo-User': ALEX_WILBER.aadObjectId },
    });
    expect(response.status).toBe(200);
    const me = (await response.json()) as Record<string, unknown>;
    expect(me).toMatchObject({
      aadObjectId: ALEX_WILBER.aadObjectId,
      displayName: 'Alex Wilber',
      roles: expect.arrayContaining(['manager']),
      authMode: 'local',
      site: expect.objectContaining({ kind: 'store' }),
    });
    expect(typeof me.weeklyHours).toBe('number');
  });

  it('answers 404 with a JSON error for a person who is not in the directory', async () => {
    const response = await fetch(`${crewdesk.baseUrl}/api/me`, {
      headers: { 'X-Crewdesk-Demo-User': 'nobody' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'directory.unknown_person' } });
  });
});

describe('start-up', () => {
  it('answers /healthz at once and /readyz 503 until migrations and the seed are done', async () => {
    const crewdesk = await startCrewdeskForTest({ waitUntilReady: false });
    try {
      expect((await fetch(`${crewdesk.baseUrl}/healthz`)).status).toBe(200);
      const early = await fetch(`${crewdesk.baseUrl}/readyz`);
      expect([200, 503]).toContain(early.status);
      if (early.status === 503) {
        expect(await early.json()).toMatchObject({ status: 'starting' });
        const bot = await fetch(`${crewdesk.baseUrl}/api/messages`, {
          method: 'POST',
          body: '{}',
          headers: { 'Content-Type': 'application/json' },
        });
        expect(bot.status).toBe(503);
      }
      await crewdesk.ready;
      expect((await fetch(`${crewdesk.baseUrl}/readyz`)).status).toBe(200);
    } finally {
      await crewdesk.stop();
    }
  });

  it('starts offline in every combination of bot and API local mode', async () => {
    const combinations: Record<string, string>[] = [
      {},
      { MicrosoftAppId: 'bot-app-id', MicrosoftAppPassword: 'secret' },
      { AAD_APP_CLIENT_ID: 'tab-client-id', AAD_APP_TENANT_ID: 'common' },
      {
        MicrosoftAppId: 'bot-app-id',
        MicrosoftAppPassword: 'secret',
        AAD_APP_CLIENT_ID: 'tab-client-id',
        AAD_APP_TENANT_ID: 'common',
        BotOpenIdMetadata: 'http://127.0.0.1:9/openid',
        AAD_APP_OAUTH_AUTHORITY_HOST: 'http://127.0.0.1:9',
      },
    ];
    for (const env of combinations) {
      const crewdesk = await startCrewdeskForTest({ env: { ...env, CREWDESK_DEMO: 'false' } });
      try {
        expect((await fetch(`${crewdesk.baseUrl}/readyz`)).status).toBe(200);
        const config = (await (await fetch(`${crewdesk.baseUrl}/api/config`)).json()) as { authMode: string };
        expect(config.authMode).toBe('AAD_APP_CLIENT_ID' in env ? 'entra' : 'local');
      } finally {
        await crewdesk.stop();
      }
    }
  });
});
