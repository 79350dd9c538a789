import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isDomainError } from '../../src/domain/shared/errors.js';
import { createEntraTokenValidator } from '../../src/http/entra-token-validator.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import {
  claimsOf,
  keyIdOf,
  startIdentityProviderStub,
  unsignedToken,
  type EntraTokenOptions,
  type IdentityProviderStub,
} from '../support/identity-provider-stub.js';
import { ALEX_WILBER } from '../support/teams-activities.js';

/**
 * The tab API with AAD_APP_CLIENT_ID set (design: "only a valid Entra access token is accepted"),
 * against an Entra authority on loopback. The demo organisation provides the people; the token's
 * `oid` says who calls.
 */

interface ApiAnswer {
  status: number;
  body: unknown;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/**
 * A 401 says "not authenticated" and nothing about why: no validator's wording, no claims. (The API
 * sends every user-fault error with its details; here they are empty.)
 */
function expectBareUnauthenticated(answer: ApiAnswer): void {
  expect(answer.status).toBe(401);
  const { error } = answer.body as { error: { code: string; message: string; details?: unknown } };
  expect(error).toEqual({
    code: 'auth.unauthenticated',
    message: expect.any(String),
    ...('details' in error ? { details: {} } : {}),
  });
  const { message } = error;
  expect(message).not.toMatch(
    /jw[stk]|jose|signature|claim|\bexp\b|\bnbf\b|\baud\b|\biss\b|alg|kid|timestamp|ERR_/i,
  );
}

describe('who may call the tab API, for a single-tenant Entra app', () => {
  const clientId = `tab-${randomUUID()}`;
  const tenant = 'tenant-a';
  let identity: IdentityProviderStub;
  let crewdesk: CrewdeskUnderTest;
  let otherPerson: string;

  beforeAll(async () => {
    identity = await startIdentityProviderStub();
    crewdesk = await startCrewdeskForTest({
      env: {
        AAD_APP_CLIENT_ID: clientId,
        AAD_APP_TENANT_ID: tenant,
        AAD_APP_OAUTH_AUTHORITY_HOST: identity.baseUrl,
        ALLOWED_TENANT_IDS: tenant,
        CREWDESK_DEMO: 'true',
      },
    });
    const people = await crewdesk.store.directory.listPeople();
    otherPerson = people.find((person) => person.aadObjectId !== ALEX_WILBER.aadObjectId)!.aadObjectId;
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await identity?.close();
  });

  const token = (options: Partial<EntraTokenOptions> = {}) =>
    identity.entraToken({ clientId, tenant, oid: ALEX_WILBER.aadObjectId, ...options });

  const me = async (authorization?: string, extra: Record<string, string> = {}) =>
    get(`${crewdesk.baseUrl}/api/me`, {
      ...(authorization === undefined ? {} : { Authorization: authorization }),
      ...extra,
    });

  it('reads no metadata at start-up, only when the first token is checked', async () => {
    expect(identity.requests).toEqual([]);
    expect(await get(`${crewdesk.baseUrl}/api/config`)).toEqual({
      status: 200,
      body: { authMode: 'entra', clientId },
    });
  });

  it('answers /api/me for the person a valid v2 token names (aud = client id)', async () => {
    const answer = await me(`Bearer ${await token()}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      aadObjectId: ALEX_WILBER.aadObjectId,
      displayName: 'Alex Wilber',
      authMode: 'entra',
    });
    expect(identity.requests).toEqual([
      `/${tenant}/v2.0/.well-known/openid-configuration`,
      `/${tenant}/discovery/v2.0/keys`,
    ]);
  });

  it('accepts the audience in its api://…/<client id> form', async () => {
    const answer = await me(`Bearer ${await token({ audience: `api://localhost/${clientId}` })}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ aadObjectId: ALEX_WILBER.aadObjectId });
  });

  it('accepts a token that expired less than the 5 minutes of clock skew ago', async () => {
    expect((await me(`Bearer ${await token({ expiresIn: -120, notBefore: -3600 })}`)).status).toBe(200);
  });

  const refusals: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['an empty bearer', async () => 'Bearer '],
    ['another scheme', async () => `Basic ${await token()}`],
    ['garbage', async () => 'Bearer garbage'],
    ['three dots of garbage', async () => 'Bearer a.b.c'],
    [
      'an unsigned token (alg none) under the trusted key id',
      async () => {
        const valid = await token();
        return `Bearer ${unsignedToken(claimsOf(valid), keyIdOf(valid))}`;
      },
    ],
    [
      'a token signed by a foreign key under the trusted key id',
      async () => `Bearer ${await token({ key: 'foreign' })}`,
    ],
    ['a token under an unknown key id', async () => `Bearer ${await token({ kid: 'unknown-key' })}`],
    [
      'a token that expired beyond the clock skew',
      async () => `Bearer ${await token({ expiresIn: -600, notBefore: -4200 })}`,
    ],
    [
      'a token that is not valid yet',
      async () => `Bearer ${await token({ notBefore: 900, expiresIn: 4500 })}`,
    ],
    ['a token without expiry', async () => `Bearer ${await token({ expiresIn: null })}`],
    [
      'a token for another application',
      async () => `Bearer ${await token({ audience: `tab-${randomUUID()}` })}`,
    ],
    [
      'an audience that only ends with the client id',
      async () => `Bearer ${await token({ audience: `api://localhost/x${clientId}` })}`,
    ],
    [
      'a token for Microsoft Graph',
      async () => `Bearer ${await token({ audience: '00000003-0000-0000-c000-000000000000' })}`,
    ],
    ['a token without the access_as_user scope', async () => `Bearer ${await token({ scope: 'User.Read' })}`],
    [
      'an app-only token (roles, no scope)',
      async () =>
        `Bearer ${await token({ scope: undefined, claims: { scp: undefined, roles: ['access_as_user'] } })}`,
    ],
    [
      'a token from another issuer',
      async () => `Bearer ${await token({ issuer: 'https://evil.example/tenant-a/v2.0' })}`,
    ],
    [
      // The v1 form is Microsoft's; against another authority it names nobody that could sign it.
      'a v1-form issuer (https://sts.windows.net/<tid>/) against a non-Microsoft authority',
      async () =>
        `Bearer ${await token({
          issuer: `https://sts.windows.net/${tenant}/`,
          audience: `api://localhost/${clientId}`,
          claims: { ver: '1.0' },
        })}`,
    ],
    ['a token without oid', async () => `Bearer ${await token({ claims: { oid: undefined } })}`],
    ['a token without tid', async () => `Bearer ${await token({ claims: { tid: undefined } })}`],
  ];

  it.each(refusals)('answers 401 without detail to %s', async (_name, authorization) => {
    expectBareUnauthenticated(await me(await authorization()));
  });

  it('refuses a bad token on the hours routes too', async () => {
    const expired = `Bearer ${await token({ expiresIn: -600, notBefore: -4200 })}`;
    expectBareUnauthenticated(
      await get(`${crewdesk.baseUrl}/api/me/hours?from=2026-11-01&to=2026-11-30`, { Authorization: expired }),
    );
  });

  it('ignores the demo-person header: without a token it is 401', async () => {
    expectBareUnauthenticated(await me(undefined, { 'X-Crewdesk-Demo-User': ALEX_WILBER.aadObjectId }));
  });

  it('ignores the demo-person header: a token for A with a header naming B is A', async () => {
    const answer = await me(`Bearer ${await token()}`, { 'X-Crewdesk-Demo-User': otherPerson });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ aadObjectId: ALEX_WILBER.aadObjectId });
  });

  it('has no demo-person picker', async () => {
    const answer = await get(`${crewdesk.baseUrl}/api/demo/users`, {
      Authorization: `Bearer ${await token()}`,
    });
    expect(answer.status).toBe(404);
  });
});

describe('who may call the tab API, for a multi-tenant Entra app with an allow-list', () => {
  const clientId = `tab-${randomUUID()}`;
  let identity: IdentityProviderStub;
  let crewdesk: CrewdeskUnderTest;

  beforeAll(async () => {
    identity = await startIdentityProviderStub();
    crewdesk = await startCrewdeskForTest({
      env: {
        AAD_APP_CLIENT_ID: clientId,
        // Metadata whose issuer reads <authority>/{tenantid}/v2.0: any tenant may sign in.
        AAD_APP_TENANT_ID: 'organizations',
        AAD_APP_OAUTH_AUTHORITY_HOST: identity.baseUrl,
        ALLOWED_TENANT_IDS: 'tenant-a, tenant-b',
        CREWDESK_DEMO: 'true',
      },
    });
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await identity?.close();
  });

  const me = async (options: Partial<EntraTokenOptions> & { tenant: string }) =>
    get(`${crewdesk.baseUrl}/api/me`, {
      Authorization: `Bearer ${await identity.entraToken({ clientId, oid: ALEX_WILBER.aadObjectId, ...options })}`,
    });

  it('answers an allowed tenant', async () => {
    expect((await me({ tenant: 'tenant-b' })).status).toBe(200);
  });

  it('answers 403 to a valid token of a tenant that is not allowed', async () => {
    const answer = await me({ tenant: 'tenant-z' });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: 'auth.forbidden' } });
  });

  it('answers 401 when the issuer names another tenant than the token’s tid', async () => {
    expectBareUnauthenticated(await me({ tenant: 'tenant-a', issuer: identity.entraIssuer('tenant-b') }));
  });

  it('answers 401 to the v1 issuer form against a non-Microsoft authority, even for an allowed tenant', async () => {
    expectBareUnauthenticated(
      await me({ tenant: 'tenant-a', issuer: 'https://sts.windows.net/tenant-a/', claims: { ver: '1.0' } }),
    );
  });
});

describe('v1 access tokens: Microsoft’s authority only, and only for a tenant the metadata admits', () => {
  const microsoft = 'https://login.microsoftonline.com';
  const clientId = `tab-${randomUUID()}`;
  let identity: IdentityProviderStub;

  beforeAll(async () => {
    identity = await startIdentityProviderStub({ entraHost: microsoft });
    // Microsoft's authority, answered from loopback: its requests go to the stub, any other fails.
    const loopbackFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.startsWith(`${microsoft}/`)) return Promise.reject(new Error(`no network in tests: ${url}`));
      return loopbackFetch(`${identity.baseUrl}${url.slice(microsoft.length)}`, init);
    });
  });

  afterAll(async () => {
    vi.unstubAllGlobals();
    await identity?.close();
  });

  const v1Token = (tenant: string) =>
    identity.entraToken({
      clientId,
      tenant,
      oid: ALEX_WILBER.aadObjectId,
      issuer: `https://sts.windows.net/${tenant}/`,
      audience: `api://crewdesk.example/${clientId}`,
      claims: { ver: '1.0' },
    });

  const validator = (tenantId: string, allowedTenantIds: string[] = []) =>
    createEntraTokenValidator({ clientId, tenantId, authorityHost: microsoft, allowedTenantIds });

  const refusalCode = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: unknown) => (isDomainError(error) ? error.code : String(error)),
    );

  it('accepts the v1 form of the app’s own tenant', async () => {
    await expect(validator('tenant-a').validate(`Bearer ${await v1Token('tenant-a')}`)).resolves.toEqual({
      aadObjectId: ALEX_WILBER.aadObjectId,
      tenantId: 'tenant-a',
    });
  });

  it('refuses the v1 form of another tenant when the metadata names one tenant', async () => {
    expect(await refusalCode(validator('tenant-a').validate(`Bearer ${await v1Token('tenant-b')}`))).toBe(
      'auth.unauthenticated',
    );
  });

  it('accepts the v1 form of any tenant for a multi-tenant app, and the allow-list decides', async () => {
    const multiTenant = validator('organizations', ['tenant-a']);
    await expect(multiTenant.validate(`Bearer ${await v1Token('tenant-a')}`)).resolves.toMatchObject({
      tenantId: 'tenant-a',
    });
    expect(await refusalCode(multiTenant.validate(`Bearer ${await v1Token('tenant-z')}`))).toBe(
      'auth.forbidden',
    );
  });
});
