import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppCredentials, AuthenticationConstants } from 'botframework-connector';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * The identity side of Microsoft's cloud, on loopback: what Crewdesk fetches to check the tokens it
 * receives, and the tokens themselves, signed with keys made for the test run.
 *
 * - Bot Framework: OpenID metadata at `/botframework/v1/.well-known/openidconfiguration` (the shape of
 *   https://login.botframework.com/v1/.well-known/openidconfiguration) and its keys. Every key
 *   carries `endorsements: ['msteams']`, as Microsoft's do: botbuilder refuses a token whose key is
 *   endorsed, but not for the activity's channelId (botframework-connector jwtTokenExtractor.js).
 * - Entra ID v2: `/<tenant>/v2.0/.well-known/openid-configuration` with issuer
 *   `<host>/<tenant>/v2.0` (`<host>/{tenantid}/v2.0` for `common` and `organizations`, as Microsoft
 *   names it) and its own keys at `<host>/<tenant>/discovery/v2.0/keys`.
 *
 * A second, foreign key pair signs "wrong key" tokens under the same key id as the trusted one, so
 * that the validator finds a key and must reject the signature.
 */
export interface IdentityProviderStub {
  /** `http://127.0.0.1:<port>`: also the Entra authority host (AAD_APP_OAUTH_AUTHORITY_HOST). */
  baseUrl: string;
  /** The BotOpenIdMetadata URL. */
  botFrameworkMetadataUrl: string;
  /** The issuer Entra v2 tokens of `tenant` carry. */
  entraIssuer(tenant: string): string;
  /** Paths requested so far, in order: shows what was fetched and when. */
  requests: string[];
  /** A Bot Framework channel token, as the Bot Connector sends with each activity. */
  botFrameworkToken(options: BotFrameworkTokenOptions): Promise<string>;
  /** An Entra access token for the tab's API, as Teams SSO hands the tab. */
  entraToken(options: EntraTokenOptions): Promise<string>;
  close(): Promise<void>;
}

interface SigningOptions {
  /** Sign with the trusted key (default) or with the foreign one under the trusted key's id. */
  key?: 'trusted' | 'foreign';
  /** Key id in the header; defaults to the key's. */
  kid?: string;
  /** Seconds from now; negative for an expired token; null for none. Default 3600. */
  expiresIn?: number | null;
  /** Seconds from now; default −60. */
  notBefore?: number;
  /** Extra or replacing claims; a claim set to undefined is left out. */
  claims?: Record<string, unknown>;
}

export interface BotFrameworkTokenOptions extends SigningOptions {
  appId: string;
  serviceUrl: string;
  /** Default https://api.botframework.com. */
  issuer?: string;
}

export interface EntraTokenOptions extends SigningOptions {
  clientId: string;
  tenant: string;
  oid: string;
  /** Default the client id. */
  audience?: string;
  /** Default the tenant's v2 issuer. */
  issuer?: string;
  /** Default `access_as_user`. */
  scope?: string;
}

interface KeyPair {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKeyPair(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } };
}

const MULTI_TENANT_NAMES = new Set(['common', 'organizations']);

export async function startIdentityProviderStub(
  options: {
    /**
     * The host that Entra metadata names in its issuer and jwks_uri; default the stub's own. Set it
     * to https://login.microsoftonline.com to play Microsoft's authority behind a fetch that sends
     * that host's requests here.
     */
    entraHost?: string;
    /** Listen on this port (a stub started again where a stopped one was); default any free one. */
    port?: number;
  } = {},
): Promise<IdentityProviderStub> {
  const botFrameworkKey = await newKeyPair(`bf-${randomUUID()}`);
  const entraKey = await newKeyPair(`entra-${randomUUID()}`);
  const foreignKey = await newKeyPair('foreign');
  const requests: string[] = [];
  let baseUrl = '';
  const entraHost = () => options.entraHost ?? baseUrl;

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://stub').pathname;
    requests.push(path);
    const send = (body: unknown) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET') {
      response.writeHead(405).end();
      return;
    }
    if (path === '/botframework/v1/.well-known/openidconfiguration') {
      send({
        issuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        authorization_endpoint: 'https://invalid.botframework.example/authorize',
        jwks_uri: `${baseUrl}/botframework/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
      return;
    }
    if (path === '/botframework/keys') {
      send({ keys: [{ ...botFrameworkKey.publicJwk, endorsements: ['msteams'] }] });
      return;
    }
    const entraMetadata = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (entraMetadata) {
      const tenant = decodeURIComponent(entraMetadata[1] ?? '');
      send({
        issuer: `${entraHost()}/${MULTI_TENANT_NAMES.has(tenant) ? '{tenantid}' : tenant}/v2.0`,
        jwks_uri: `${entraHost()}/${encodeURIComponent(tenant)}/discovery/v2.0/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
      return;
    }
    if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) {
      send({ keys: [entraKey.publicJwk] });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function sign(trusted: KeyPair, options: SigningOptions, claims: JWTPayload): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn === undefined ? 3600 : options.expiresIn;
    const payload: Record<string, unknown> = {
      ...claims,
      nbf: now + (options.notBefore ?? -60),
      iat: now + (options.notBefore ?? -60),
      ...(expiresIn === null ? {} : { exp: now + expiresIn }),
      ...options.claims,
    };
    for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
    const key = options.key === 'foreign' ? foreignKey : trusted;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? trusted.kid })
      .sign(key.privateKey);
  }

  const entraIssuer = (tenant: string) => `${entraHost()}/${tenant}/v2.0`;

  return {
    baseUrl,
    botFrameworkMetadataUrl: `${baseUrl}/botframework/v1/.well-known/openidconfiguration`,
    entraIssuer,
    requests,
    botFrameworkToken: (options) =>
      sign(botFrameworkKey, options, {
        iss: options.issuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
        aud: options.appId,
        serviceurl: options.serviceUrl,
      }),
    entraToken: (options) =>
      sign(entraKey, options, {
        iss: options.issuer ?? entraIssuer(options.tenant),
        aud: options.audience ?? options.clientId,
        tid: options.tenant,
        oid: options.oid,
        sub: `sub-${options.oid}`,
        azp: `tab-${options.clientId}`,
        scp: options.scope ?? 'access_as_user',
        ver: '2.0',
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A token with `alg: none` and no signature, under a key id the validator knows. */
export function unsignedToken(claims: Record<string, unknown>, kid: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT', kid })}.${part(claims)}.`;
}

/** The key id in a token's header. */
export function keyIdOf(token: string): string {
  const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
    kid?: string;
  };
  return header.kid ?? '';
}

/** The claims of a token, unverified. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/**
 * With an app id, the bot authenticates its replies to the Bot Connector with a token it gets from
 * login.microsoftonline.com through msal-node. No setting makes that local: msal-node refuses an
 * `http://` authority (authority_uri_insecure) and looks up any other host at
 * login.microsoftonline.com first. So the test puts a token for this app id into botframework-
 * connector's own token cache (AppCredentials, keyed `<appId><scope>-cache`), where a token from
 * Microsoft would land: replies take the production path (the connector client signs each request
 * with the cached bearer) and msal is never asked. The connector stub accepts any bearer.
 *
 * The cache is private to botbuilder; if a version renames it, this throws instead of letting a
 * test try to reach Microsoft.
 */
export function preloadBotConnectorToken(appId: string, accessToken = `connector-token-for-${appId}`): void {
  const cache = (AppCredentials as unknown as { cache?: unknown }).cache;
  if (!(cache instanceof Map)) {
    throw new Error(
      'botframework-connector has no AppCredentials.cache any more: keep replies local another way',
    );
  }
  const key = `${appId}${AuthenticationConstants.ToChannelFromBotOAuthScope}-cache`;
  cache.set(key, {
    accessToken,
    expiresOn: new Date(Date.now() + 24 * 60 * 60 * 1000),
  });
}
