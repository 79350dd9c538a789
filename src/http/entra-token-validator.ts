import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { DomainError } from '../domain/shared/errors.js';

export interface EntraSettings {
  clientId: string;
  tenantId: string;
  authorityHost: string;
  allowedTenantIds: readonly string[];
}

export interface ApiCaller {
  aadObjectId: string;
  tenantId: string;
}

const openIdMetadata = z.object({
  issuer: z.string().min(1),
  jwks_uri: z.string().url(),
});

const MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com';

/**
 * The authority's metadata or keys could not be fetched: the token cannot be checked, which is not
 * the same as an invalid token. The API answers 503 (route-helpers.ts), not 401 (issue 5).
 */
export class IdentityProviderUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdentityProviderUnavailable';
  }
}

/** jose's remote key set failures (jose webapi/jwks/remote.js) and fetch's own. */
function isKeySetUnavailable(error: unknown): boolean {
  const failure = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (failure.code === 'ERR_JWKS_TIMEOUT' || failure.code === 'ERR_JWKS_INVALID') return true;
  const message = typeof failure.message === 'string' ? failure.message : '';
  if (failure.code === 'ERR_JOSE_GENERIC') return /JSON Web Key Set HTTP response/.test(message);
  return (
    (failure.name === 'TypeError' && message === 'fetch failed') ||
    failure.name === 'TimeoutError' ||
    failure.name === 'AbortError'
  );
}

/**
 * Validates the tab's Entra access tokens (design: "API local mode"). Metadata and keys are fetched
 * on first use and cached, so the server starts offline.
 */
export function createEntraTokenValidator(settings: EntraSettings) {
  let metadata: Promise<{ issuer: string; keys: ReturnType<typeof createRemoteJWKSet> }> | null = null;

  function loadMetadata() {
    metadata ??= (async () => {
      const url = `${settings.authorityHost}/${encodeURIComponent(settings.tenantId)}/v2.0/.well-known/openid-configuration`;
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`OpenID metadata ${url} answered ${response.status}`);
      const document = openIdMetadata.parse(await response.json());
      const keysUrl = new URL(document.jwks_uri);
      // Keys over https, or from the authority itself (an http:// authority is loopback, for tests).
      if (keysUrl.protocol !== 'https:' && keysUrl.origin !== new URL(settings.authorityHost).origin) {
        throw new Error(`OpenID metadata ${url} names keys at an insecure URL`);
      }
      return { issuer: document.issuer, keys: createRemoteJWKSet(keysUrl) };
    })().catch((error: unknown) => {
      metadata = null; // try again on the next request
      throw new IdentityProviderUnavailable('the Entra OpenID metadata could not be read', { cause: error });
    });
    return metadata;
  }

  function issuerAccepted(issuer: string | undefined, expected: string, tenantId: string): boolean {
    if (!issuer) return false;
    // Multi-tenant metadata ("common", "organizations") names the issuer with a {tenantid} placeholder.
    const v2Issuer = expected.replace('{tenantid}', tenantId);
    if (issuer === v2Issuer) return true;
    // v1 tokens (an app whose accessTokenAcceptedVersion is 1) name the tenant at sts.windows.net:
    // Microsoft's authority only, and only for a tenant whose v2 tokens the metadata admits.
    return (
      settings.authorityHost === MICROSOFT_AUTHORITY &&
      v2Issuer === `${MICROSOFT_AUTHORITY}/${tenantId}/v2.0` &&
      issuer === `https://sts.windows.net/${tenantId}/`
    );
  }

  function audienceAccepted(audience: JWTPayload['aud']): boolean {
    const audiences = Array.isArray(audience) ? audience : audience ? [audience] : [];
    return audiences.some(
      (value) =>
        value === settings.clientId ||
        (value.startsWith('api://') && value.endsWith(`/${settings.clientId}`)),
    );
  }

  return {
    async validate(authorizationHeader: string | undefined): Promise<ApiCaller> {
      const token = /^Bearer\s+(\S+)$/i.exec(authorizationHeader ?? '')?.[1];
      if (!token) throw new DomainError('auth.unauthenticated', 'a bearer token is required');
      const { issuer, keys } = await loadMetadata();
      let payload: JWTPayload;
      try {
        // jose checks exp only when the claim is there; an access token without one never expires.
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['RS256'],
          clockTolerance: 300,
          requiredClaims: ['exp'],
        }));
      } catch (error) {
        if (isKeySetUnavailable(error))
          throw new IdentityProviderUnavailable('the Entra signing keys could not be read', { cause: error });
        throw new DomainError('auth.unauthenticated', 'the token is not valid');
      }
      const tenantId = typeof payload.tid === 'string' ? payload.tid : '';
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      const objectId = typeof payload.oid === 'string' ? payload.oid : '';
      if (
        !tenantId ||
        !objectId ||
        !issuerAccepted(payload.iss, issuer, tenantId) ||
        !audienceAccepted(payload.aud)
      ) {
        throw new DomainError('auth.unauthenticated', 'the token is not valid');
      }
      if (!scopes.includes('access_as_user'))
        throw new DomainError('auth.unauthenticated', 'the token is not valid');
      if (settings.allowedTenantIds.length > 0 && !settings.allowedTenantIds.includes(tenantId)) {
        throw new DomainError('auth.forbidden', 'this organisation may not use Crewdesk');
      }
      return { aadObjectId: objectId, tenantId };
    },
  };
}

export type EntraTokenValidator = ReturnType<typeof createEntraTokenValidator>;
