// The tab's view of the Crewdesk HTTP API (same origin as the tab, under /api). Who is asking is
// decided once, by the caller's `credentials`: an Entra SSO token inside Teams, or the demo person
// chosen in the "view as" picker in API local mode.

export type AuthMode = 'local' | 'entra';

export interface ApiConfig {
  authMode: AuthMode;
  clientId: string | null;
}

export interface DemoUser {
  aadObjectId: string;
  displayName: string;
  roles: string[];
  team: string | null;
  siteName: string | null;
}

export interface Me {
  aadObjectId: string;
  displayName: string;
  email: string | null;
  roles: string[];
  locale: string;
  team: string | null;
  site: { id: string; name: string; canton: string; kind: string } | null;
  manager: { aadObjectId: string; displayName: string } | null;
  /** From the contract in force today; null when the person has none. */
  weeklyHours: number | null;
  workDays: string[];
  authMode: AuthMode;
}

/** Headers naming the caller; called before every request, so tokens can be refreshed. */
export type Credentials = () => Promise<Record<string, string>>;

export const DEMO_USER_HEADER = 'X-Crewdesk-Demo-User';

/** An error answer of the API: `{ "error": { "code", "message" } }` with its HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export const noCredentials: Credentials = () => Promise.resolve({});

export function demoUserCredentials(aadObjectId: string): Credentials {
  return () => Promise.resolve({ [DEMO_USER_HEADER]: aadObjectId });
}

export function bearerCredentials(
  getToken: () => Promise<string>,
  extra: Record<string, string> = {},
): Credentials {
  return async () => ({ ...extra, Authorization: `Bearer ${await getToken()}` });
}

async function errorOf(response: Response): Promise<ApiError> {
  let code = `http.${response.status}`;
  let message = response.statusText;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not JSON (a proxy's error page, say): the status says enough.
  }
  return new ApiError(response.status, code, message);
}

async function getJson<T>(path: string, credentials: Credentials, signal?: AbortSignal): Promise<T> {
  const headers = { Accept: 'application/json', ...(await credentials()) };
  const response = await fetch(path, { headers, signal: signal ?? null, credentials: 'same-origin' });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export function getConfig(signal?: AbortSignal): Promise<ApiConfig> {
  return getJson<ApiConfig>('/api/config', noCredentials, signal);
}

export function getMe(credentials: Credentials, signal?: AbortSignal): Promise<Me> {
  return getJson<Me>('/api/me', credentials, signal);
}

/** Demo people (API local mode only); the featured ones come first when `query` is empty. */
export async function searchDemoUsers(
  query: string,
  limit: number,
  signal?: AbortSignal,
): Promise<DemoUser[]> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  const body = await getJson<{ users: DemoUser[] }>(`/api/demo/users?${params}`, noCredentials, signal);
  return body.users;
}
