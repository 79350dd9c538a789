import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import {
  preloadBotConnectorToken,
  startIdentityProviderStub,
  type IdentityProviderStub,
} from '../support/identity-provider-stub.js';
import { postActivity, teamsMessage } from '../support/teams-activities.js';

/**
 * Issue 5: when the identity metadata cannot be fetched — the Bot Framework OpenID metadata and
 * keys for /api/messages, Entra's for the tab API — a token cannot be checked, which does not make
 * it invalid: the answer is 503 (try again), not 401 (go away). Once the provider answers again,
 * the same kind of request goes through, without restarting Crewdesk.
 */
describe('identity provider unreachable', () => {
  const appId = `crewdesk-bot-${randomUUID()}`;
  const clientId = `crewdesk-tab-${randomUUID()}`;
  const tenant = 'tenant-crewdesk';
  let identity: IdentityProviderStub;
  let port = 0;
  let connector: ConnectorStub;
  let crewdesk: CrewdeskUnderTest;

  beforeAll(async () => {
    identity = await startIdentityProviderStub();
    port = Number(new URL(identity.baseUrl).port);
    connector = await startConnectorStub();
    preloadBotConnectorToken(appId);
    crewdesk = await startCrewdeskForTest({
      env: {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: 'not-a-real-secret',
        BotOpenIdMetadata: identity.botFrameworkMetadataUrl,
        AAD_APP_CLIENT_ID: clientId,
        AAD_APP_TENANT_ID: tenant,
        AAD_APP_OAUTH_AUTHORITY_HOST: identity.baseUrl,
        ALLOWED_TENANT_IDS: tenant,
        CREWDESK_DEMO: 'false',
      },
    });
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await connector?.close();
    await identity?.close();
  });

  const message = () =>
    teamsMessage({
      serviceUrl: connector.serviceUrl,
      from: { id: `29:${randomUUID()}`, name: 'Test Sender', aadObjectId: `sender-${randomUUID()}` },
      text: 'help',
      tenantId: tenant,
    });
  const botToken = (provider: IdentityProviderStub) =>
    provider.botFrameworkToken({ appId, serviceUrl: connector.serviceUrl });
  const apiToken = (provider: IdentityProviderStub) =>
    provider.entraToken({ clientId, tenant, oid: `person-${randomUUID()}` });

  it('answers 503 while the metadata cannot be fetched, and serves again once it can', async () => {
    // Tokens signed by the provider, which then stops before Crewdesk ever fetched its metadata.
    const [botBearer, apiBearer] = [await botToken(identity), await apiToken(identity)];
    await identity.close();

    const bot = await postActivity(crewdesk.baseUrl, message(), { Authorization: `Bearer ${botBearer}` });
    expect(bot.status).toBe(503);
    const api = await fetch(`${crewdesk.baseUrl}/api/me`, {
      headers: { Authorization: `Bearer ${apiBearer}` },
    });
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBeTruthy();
    expect(JSON.stringify(await api.json())).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch failed/);
    // A request without any token needs no metadata: still 401.
    expect((await postActivity(crewdesk.baseUrl, message())).status).toBe(401);
    expect((await fetch(`${crewdesk.baseUrl}/api/me`)).status).toBe(401);

    // The provider is back (new keys, same address): fresh tokens are accepted.
    identity = await startIdentityProviderStub({ port });
    const botAgain = await postActivity(crewdesk.baseUrl, message(), {
      Authorization: `Bearer ${await botToken(identity)}`,
    });
    expect(botAgain.status).toBe(200);
    const apiAgain = await fetch(`${crewdesk.baseUrl}/api/me`, {
      headers: { Authorization: `Bearer ${await apiToken(identity)}` },
    });
    expect(apiAgain.status).not.toBe(503);
    expect(apiAgain.status).not.toBe(401);
  });
});
