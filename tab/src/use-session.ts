// Who is looking at the tab, in which language and theme, and what the API says about them.
// One hook so that the views stay presentational: App renders whatever state this reaches.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { supportedLocaleOf } from '../../src/domain/shared/locale.js';
import {
  ApiError,
  DEMO_USER_HEADER,
  bearerCredentials,
  demoUserCredentials,
  getConfig,
  getMe,
  searchDemoUsers,
  type ApiConfig,
  type Credentials,
  type DemoUser,
  type Me,
} from './api-client.js';
import { forgetDemoUser, rememberDemoUser, rememberedDemoUser } from './demo-user-choice.js';
import { browserLocale, type SupportedLocale } from './i18n.js';
import { SsoError, detectHost, type Host, type TeamsHost, type TeamsTheme } from './teams-host.js';

/** What keeps the tab from showing a person; each has a `tab.*` message. */
export type Problem = 'loadFailed' | 'signInRequired' | 'openInTeams' | 'noUser';

export interface Session {
  /** Undefined while the tab is still finding out whether Teams hosts it. */
  host: Host | undefined;
  locale: SupportedLocale;
  theme: TeamsTheme;
  /** The people of the "view as" picker: API local mode in a plain browser only. */
  demoUsers: DemoUser[] | undefined;
  viewAs: string | undefined;
  me: Me | undefined;
  /** How the views call the API as `me`; set together with `me`. */
  credentials: Credentials | undefined;
  problem: Problem | undefined;
  busy: boolean;
  viewAsPerson(aadObjectId: string): void;
  retry(): void;
}

/** How many demo people the picker lists before the user types. */
export const PICKER_SIZE = 20;

interface DemoRequest {
  aadObjectId: string;
  /** Whom to show instead when a remembered person no longer exists (a re-seeded database). */
  fallback: string | undefined;
}

function problemOf(error: unknown): Problem {
  return error instanceof SsoError && error.reason === 'consent' ? 'signInRequired' : 'loadFailed';
}

function teamsCredentials(host: TeamsHost, config: ApiConfig): Credentials {
  if (config.authMode === 'entra') return bearerCredentials(() => host.getAuthToken());
  // API local mode inside a Teams client (Toolkit or Agents Playground without an Entra app): the
  // server knows the person by the Teams context's id. A token is sent while Teams gives one (the
  // server ignores it); after a refusal the tab stops asking.
  const demo: Record<string, string> = host.user.id ? { [DEMO_USER_HEADER]: host.user.id } : {};
  let tokenRefused = false;
  return async () => {
    if (tokenRefused) return demo;
    try {
      return { ...demo, Authorization: `Bearer ${await host.getAuthToken()}` };
    } catch {
      tokenRefused = true;
      return demo;
    }
  };
}

export function useSession(): Session {
  const [host, setHost] = useState<Host>();
  const [theme, setTheme] = useState<TeamsTheme>('default');
  const [demoUsers, setDemoUsers] = useState<DemoUser[]>();
  const [demoRequest, setDemoRequest] = useState<DemoRequest>();
  const [me, setMe] = useState<Me>();
  const [credentials, setCredentials] = useState<Credentials>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void detectHost().then((detected) => {
      if (!live) return;
      setHost(detected);
      if (detected.kind === 'teams') {
        setTheme(detected.theme);
        detected.onThemeChange(setTheme);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  // The API's mode, then the person: from the SSO token inside Teams, or a demo person outside.
  useEffect(() => {
    if (!host) return;
    const controller = new AbortController();
    const { signal } = controller;
    setBusy(true);
    setProblem(undefined);
    const load = async (): Promise<void> => {
      const config = await getConfig(signal);
      if (host.kind === 'teams') {
        const teams = teamsCredentials(host, config);
        setMe(await getMe(teams, signal));
        setCredentials(() => teams);
      } else if (config.authMode === 'entra') {
        setProblem('openInTeams');
      } else {
        const users = await searchDemoUsers('', PICKER_SIZE, signal);
        setDemoUsers(users);
        const first = users[0]?.aadObjectId;
        const chosen = rememberedDemoUser() ?? first;
        if (chosen) {
          setDemoRequest({ aadObjectId: chosen, fallback: chosen === first ? undefined : first });
          return; // The demo person's effect below takes over (and ends `busy`).
        }
        setProblem('noUser');
      }
      setBusy(false);
    };
    load().catch((error: unknown) => {
      if (signal.aborted) return;
      setProblem(problemOf(error));
      setBusy(false);
    });
    return () => controller.abort();
  }, [host, attempt]);

  useEffect(() => {
    if (!demoRequest) return;
    const controller = new AbortController();
    setBusy(true);
    setProblem(undefined);
    const demo = demoUserCredentials(demoRequest.aadObjectId);
    getMe(demo, controller.signal).then(
      (person) => {
        setMe(person);
        setCredentials(() => demo);
        rememberDemoUser(person.aadObjectId);
        setBusy(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 404 && demoRequest.fallback) {
          forgetDemoUser();
          setDemoRequest({ aadObjectId: demoRequest.fallback, fallback: undefined });
          return;
        }
        setMe(undefined);
        setProblem(problemOf(error));
        setBusy(false);
      },
    );
    return () => controller.abort();
  }, [demoRequest]);

  // Teams shows its own loading indicator until the tab says its first view is drawn.
  const notifiedTeams = useRef(false);
  useEffect(() => {
    if (host?.kind !== 'teams' || busy || notifiedTeams.current) return;
    notifiedTeams.current = true;
    host.notifySuccess();
  }, [host, busy]);

  const locale = useMemo(
    () =>
      host?.kind === 'teams'
        ? supportedLocaleOf(host.locale)
        : browserLocale(window.location.search, navigator.languages ?? [navigator.language]),
    [host],
  );

  const viewAsPerson = useCallback((aadObjectId: string) => {
    setDemoRequest({ aadObjectId, fallback: undefined });
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    host,
    locale,
    theme,
    demoUsers,
    viewAs: demoRequest?.aadObjectId,
    me,
    credentials,
    problem,
    busy,
    viewAsPerson,
    retry,
  };
}
