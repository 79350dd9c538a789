// The person chosen in the "view as" picker (API local mode) survives a reload and can be shared:
// it is kept in the address (`?as=<aadObjectId>`) and in localStorage. The address wins.

const STORAGE_KEY = 'crewdesk.viewAs';
const QUERY_PARAMETER = 'as';

function storage(): Storage | undefined {
  try {
    return window.localStorage; // Throws in some sandboxed iframes and privacy modes.
  } catch {
    return undefined;
  }
}

export function rememberedDemoUser(): string | undefined {
  const fromAddress = new URLSearchParams(window.location.search).get(QUERY_PARAMETER);
  if (fromAddress) return fromAddress;
  try {
    return storage()?.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberDemoUser(aadObjectId: string): void {
  try {
    storage()?.setItem(STORAGE_KEY, aadObjectId);
  } catch {
    // Storage full or refused: the address still carries the choice.
  }
  const url = new URL(window.location.href);
  if (url.searchParams.get(QUERY_PARAMETER) === aadObjectId) return;
  url.searchParams.set(QUERY_PARAMETER, aadObjectId);
  window.history.replaceState(window.history.state, '', url);
}

/** A remembered person the server no longer knows (a re-seeded database) is forgotten. */
export function forgetDemoUser(): void {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to forget.
  }
  const url = new URL(window.location.href);
  if (!url.searchParams.has(QUERY_PARAMETER)) return;
  url.searchParams.delete(QUERY_PARAMETER);
  window.history.replaceState(window.history.state, '', url);
}
