// Where the tab runs: inside a Microsoft Teams client, or in a plain browser (local mode).
//
// teams-js gives no direct answer. Outside Teams on a top-level page `app.initialize()` rejects at
// once ("No Parent window found"); in an iframe whose parent is not a Teams host it never settles
// (teams-js itself gives up only after 60 s). A Teams host answers in milliseconds, so the tab races
// initialization against a short timer and treats "rejected" and "too slow" alike as "outside
// Teams".
import { app, authentication } from '@microsoft/teams-js';

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  kind: 'teams';
  /** The Teams client's language (BCP 47, e.g. "de-CH", "fr-fr"). */
  locale: string;
  theme: TeamsTheme;
  user: { id: string; displayName: string | undefined };
  /** An SSO access token for the Crewdesk API; rejects with an {@link SsoError}. */
  getAuthToken(): Promise<string>;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  /** Tells Teams the tab has drawn its first view (hides Teams' own loading indicator). */
  notifySuccess(): void;
}

export interface BrowserHost {
  kind: 'browser';
}

export type Host = TeamsHost | BrowserHost;

/** Long enough for a Teams client (milliseconds in practice), short enough not to be noticed. */
export const TEAMS_DETECTION_TIMEOUT_MS = 1500;

/** A first-time consent prompt may be shown by Teams while the token is requested. */
const TOKEN_TIMEOUT_MS = 20_000;
const CONTEXT_TIMEOUT_MS = 3000;

/** Why no SSO token could be had: `consent` needs the user (or an admin) to sign in or consent. */
export class SsoError extends Error {
  readonly reason: 'consent' | 'failed';

  constructor(reason: 'consent' | 'failed', message: string) {
    super(message);
    this.name = 'SsoError';
    this.reason = reason;
  }
}

// Teams reports these when the API's permissions have not been consented to or the session needs
// an interactive sign-in (https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-code).
const CONSENT_NEEDED =
  /resourceRequiresConsent|consent_required|invalid_grant|interaction_required|resourceDisabled/i;

export function ssoErrorFrom(error: unknown): SsoError {
  const message = error instanceof Error ? error.message : String(error);
  return new SsoError(CONSENT_NEEDED.test(message) ? 'consent' : 'failed', message);
}

/** Settles like `promise`, or resolves to `fallback` after `ms`; the loser never goes unhandled. */
function settleWithin<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function teamsTheme(value: string | undefined): TeamsTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

export async function detectHost(timeoutMs = TEAMS_DETECTION_TIMEOUT_MS): Promise<Host> {
  let initialized: boolean;
  try {
    initialized = await settleWithin(
      app.initialize().then(() => true),
      timeoutMs,
      false,
    );
  } catch {
    initialized = false; // "No Parent window found": a top-level page outside Teams.
  }
  if (!initialized) return { kind: 'browser' };

  const context = await settleWithin(app.getContext(), CONTEXT_TIMEOUT_MS, undefined).catch(() => undefined);
  return {
    kind: 'teams',
    locale: context?.app.locale ?? navigator.language,
    theme: teamsTheme(context?.app.theme),
    user: { id: context?.user?.id ?? '', displayName: context?.user?.displayName },
    async getAuthToken() {
      let token: string | null;
      try {
        token = await settleWithin(authentication.getAuthToken(), TOKEN_TIMEOUT_MS, null);
      } catch (error) {
        throw ssoErrorFrom(error);
      }
      if (!token) throw new SsoError('failed', 'Teams did not answer the SSO token request in time.');
      return token;
    },
    onThemeChange(handler) {
      app.registerOnThemeChangeHandler((theme) => handler(teamsTheme(theme)));
    },
    notifySuccess() {
      app.notifySuccess().catch(() => undefined);
    },
  };
}
