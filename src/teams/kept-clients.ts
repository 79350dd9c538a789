/**
 * Clients that are costly to build and hold no state of a turn or a send (Bot Framework connector
 * and token clients), kept by a key for the life of the process. The promise is kept, so that
 * turns arriving together share one client being made; one that could not be made is forgotten,
 * and the next call tries again. The bound is a safeguard: Teams talks to a bot from a handful of
 * service URLs per region.
 */
export interface KeptClients<T> {
  get(key: string, make: () => Promise<T>): Promise<T>;
}

const MAX_KEPT_CLIENTS = 100;

export function keptClients<T>(): KeptClients<T> {
  const kept = new Map<string, Promise<T>>();
  return {
    get(key, make) {
      const existing = kept.get(key);
      if (existing) return existing;
      if (kept.size >= MAX_KEPT_CLIENTS) kept.clear();
      const made = make();
      made.catch(() => {
        if (kept.get(key) === made) kept.delete(key);
      });
      kept.set(key, made);
      return made;
    },
  };
}
