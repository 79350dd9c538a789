import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import {
  keyIdOf,
  preloadBotConnectorToken,
  startIdentityProviderStub,
  unsignedToken,
  type BotFrameworkTokenOptions,
  type IdentityProviderStub,
} from '../support/identity-provider-stub.js';
import { postActivity, teamsMessage, visibleText } from '../support/teams-activities.js';

/**
 * /api/messages with MicrosoftAppId set (issue 5, "Who may talk to Crewdesk"): only a valid Bot
 * Framework channel token gets an activity processed. The OpenID metadata and keys are served on
 * loopback (BotOpenIdMetadata); replies reach a connector stub.
 */
describe('who may talk to the bot', () => {
  const appId = `crewdesk-bot-${randomUUID()}`;
  const allowedTenant = 'tenant-crewdesk';
  let identity: IdentityProviderStub;
  let connector: ConnectorStub;
  let crewdesk: CrewdeskUnderTest;

  beforeAll(async () => {
    // botbuilder prints every refused signature (with the public key) and expiry to the console
    // (botframework-connector jwtTokenExtractor.js); keep the test output for other messages.
    const print = console.error.bind(console);
    vi.spyOn(console, 'error').mockImplementation((...values: unknown[]) => {
      const [first] = values;
      const fromBotbuilder =
        (typeof first === 'string' && first.startsWith('Error finding key for token')) ||
        (first instanceof Error && first.name === 'TokenExpiredError');
      if (!fromBotbuilder) print(...values);
    });
    identity = await startIdentityProviderStub();
    connector = await startConnectorStub();
    preloadBotConnectorToken(appId);
    crewdesk = await startCrewdeskForTest({
      env: {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: 'not-a-real-secret',
        BotOpenIdMetadata: identity.botFrameworkMetadataUrl,
        ALLOWED_TENANT_IDS: allowedTenant,
        CREWDESK_DEMO: 'false',
      },
    });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await crewdesk?.stop();
    await connector?.close();
    await identity?.close();
  });

  /** A message that records 8 hours for a sender of its own, in a conversation of its own. */
  function hoursMessage(overrides: Partial<Parameters<typeof teamsMessage>[0]> = {}) {
    const sender = { id: `29:${randomUUID()}`, name: 'Test Sender', aadObjectId: `sender-${randomUUID()}` };
    const conversationId = `a:${randomUUID()}`;
    const activity = teamsMessage({
      serviceUrl: connector.serviceUrl,
      conversationId,
      from: sender,
      id: `activity-${randomUUID()}`,
      text: '8h',
      tenantId: allowedTenant,
      ...overrides,
    });
    return { activity, sender, conversationId };
  }

  const token = (options: Partial<BotFrameworkTokenOptions> = {}) =>
    identity.botFrameworkToken({ appId, serviceUrl: connector.serviceUrl, ...options });

  const bearer = async (options: Partial<BotFrameworkTokenOptions> = {}) => ({
    Authorization: `Bearer ${await token(options)}`,
  });

  it('fetches no metadata at start-up, only when the first activity arrives', async () => {
    expect(identity.requests).toEqual([]);
  });

  it('processes an activity that bears a valid Bot Framework token: 200, the reply, the record', async () => {
    const { activity, sender, conversationId } = hoursMessage();
    const response = await postActivity(crewdesk.baseUrl, activity, await bearer());
    expect(response.status).toBe(200);
    expect(identity.requests).toContain('/botframework/keys');
    const replies = connector.repliesTo(conversationId);
    expect(replies).toHaveLength(1);
    expect(visibleText(replies[0]!.activity)).toMatch(/8h worked/);
    expect(await crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(1);
  });

  it('accepts a token that expired less than the 5 minutes of clock skew ago', async () => {
    const { activity, sender } = hoursMessage();
    const response = await postActivity(
      crewdesk.baseUrl,
      activity,
      await bearer({ expiresIn: -120, notBefore: -3600 }),
    );
    expect(response.status).toBe(200);
    expect(await crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(1);
  });

  type Refusal = {
    /** Authorization header for the message, given a valid token for it. */
    header: (valid: string) => Promise<string | undefined> | string | undefined;
    /** Changes to the activity of the refused delivery; the genuine delivery after it is unchanged. */
    activity?: Record<string, unknown>;
  };

  const refusals: [string, Refusal][] = [
    ['no Authorization header', { header: () => undefined }],
    ['an empty bearer', { header: () => 'Bearer ' }],
    ['another scheme', { header: (valid) => `Basic ${valid.slice('Bearer '.length)}` }],
    ['a bearer that is not a JWT', { header: () => 'Bearer not-a-token' }],
    [
      'an unsigned token (alg none) under the trusted key id',
      {
        header: async (valid) =>
          `Bearer ${unsignedToken(
            {
              iss: 'https://api.botframework.com',
              aud: appId,
              serviceurl: connector.serviceUrl,
              nbf: Math.floor(Date.now() / 1000) - 60,
              exp: Math.floor(Date.now() / 1000) + 3600,
            },
            keyIdOf(valid.slice('Bearer '.length)),
          )}`,
      },
    ],
    [
      'a token signed by a foreign key under the trusted key id',
      { header: async () => `Bearer ${await token({ key: 'foreign' })}` },
    ],
    [
      'a token under a key id the metadata does not list',
      { header: async () => `Bearer ${await token({ kid: 'unknown' })}` },
    ],
    [
      'a token that expired beyond the 5 minutes of clock skew',
      { header: async () => `Bearer ${await token({ expiresIn: -600, notBefore: -4200 })}` },
    ],
    [
      'a token that is not valid yet, beyond the clock skew',
      { header: async () => `Bearer ${await token({ notBefore: 900, expiresIn: 4500 })}` },
    ],
    ['a token without expiry', { header: async () => `Bearer ${await token({ expiresIn: null })}` }],
    ['a token for another bot', { header: async () => `Bearer ${await token({ appId: 'another-bot' })}` }],
    [
      'a token with another issuer',
      { header: async () => `Bearer ${await token({ issuer: 'https://api.botframework.com.example' })}` },
    ],
    [
      // botbuilder sends tokens of Microsoft's Entra issuers to its Emulator path, which checks
      // neither the audience nor this metadata; Crewdesk takes Bot Framework channel tokens only.
      'a token with an Entra issuer (the Emulator path)',
      {
        header: async () =>
          `Bearer ${await token({
            issuer: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
            claims: { ver: '1.0', appid: appId },
          })}`,
      },
    ],
    [
      'a serviceurl claim that is not the activity’s serviceUrl',
      { header: async () => `Bearer ${await token({ serviceUrl: 'http://127.0.0.1:9/elsewhere/' })}` },
    ],
    // botbuilder compares the serviceurl claim only when the activity has a serviceUrl.
    ['an activity without serviceUrl', { header: (valid) => valid, activity: { serviceUrl: undefined } }],
    // The keys are endorsed for msteams only.
    [
      'an activity of a channel the key is not endorsed for',
      { header: (valid) => valid, activity: { channelId: 'webchat' } },
    ],
  ];

  it.each(refusals)(
    'refuses %s: 401, nothing processed, and the same activity is processed later with a valid token',
    async (_name, refusal) => {
      const { activity, sender, conversationId } = hoursMessage();
      const valid = `Bearer ${await token()}`;
      const header = await refusal.header(valid);
      const tampered = { ...activity, ...refusal.activity };
      const response = await postActivity(
        crewdesk.baseUrl,
        JSON.parse(JSON.stringify(tampered)) as Record<string, unknown>,
        header === undefined ? {} : { Authorization: header },
      );

      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toEqual({
        error: { code: 'auth.unauthenticated', message: 'unauthorized' },
      });
      expect(connector.repliesTo(conversationId)).toHaveLength(0);
      expect(await crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(0);
      expect(await crewdesk.store.directory.findPerson(sender.aadObjectId)).toBeNull();

      // The refused delivery left no trace in the activity ledger: the genuine one is processed.
      const genuine = await postActivity(crewdesk.baseUrl, activity, { Authorization: valid });
      expect(genuine.status).toBe(200);
      expect(connector.repliesTo(conversationId)).toHaveLength(1);
      expect(await crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(1);
    },
  );

  it('gives an activity from a tenant that is not allowed 200, but no reply and no record', async () => {
    const { activity, sender, conversationId } = hoursMessage({ tenantId: 'tenant-elsewhere' });
    const response = await postActivity(crewdesk.baseUrl, activity, await bearer());
    expect(response.status).toBe(200);
    expect(connector.repliesTo(conversationId)).toHaveLength(0);
    expect(await crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(0);
    expect(await crewdesk.store.directory.findPerson(sender.aadObjectId)).toBeNull();
  });

  it('gives an activity that names no tenant no service either', async () => {
    const { activity, sender, conversationId } = hoursMessage();
    const anonymous = {
      ...activity,
      channelData: {},
      conversation: { ...(activity.conversation as object), tenantId: undefined },
    };
    const response = await postActivity(
      crewdesk.baseUrl,
      JSON.parse(JSON.stringify(anonymous)) as Record<string, unknown>,
      await bearer(),
    );
    expect(response.status).toBe(200);
    expect(connector.repliesTo(conversationId)).toHaveLength(0);
    expect(await crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(0);
  });
});
