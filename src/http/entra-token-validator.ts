import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
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

interface OpenIdMetadata {
  issuer: string;
  jwks_uri: string;
}

const MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com';

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
      const document = (await response.json()) as OpenIdMetadata;
      return { issuer: document.issuer, keys: createRemoteJWKSet(new URL(document.jwks_uri)) };
    })().catch((error: unknown) => {
      metadata = null; // try again on the next request
      throw error;
    });
    return metadata;
  }

  function issuerAccepted(issuer: string | undefined, expected: string, tenantId: string): boolean {
    if (!issuer) return false;
    // Multi-tenant metadata ("common", "organizations") names the issuer with a {tenantid} placeholder.
    if (issuer === expected.replace('{tenantid}', tenantId)) return true;
    return (
      settings.authorityHost === MICROSOFT_AUTHORITY && issuer === `https://sts.windows.net/${tenantId}/`
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
        ({ payload } = await jwtVerify(token, keys, { algorithms: ['RS256'], clockTolerance: 300 }));
      } catch {
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
