/**
 * An in-process cache for data that depends only on a version: a catalogue snapshot, a finished
 * run, a user's saved settings. The caller reads the current version (one cheap query) on every
 * request and passes it with the key; a different version recomputes, so a stale value is never
 * returned, whichever process changed the data. Concurrent requests for the same key and version
 * share one computation (twenty people opening the same page compute it once). A failed
 * computation is not kept. Entries are evicted least recently used beyond `maxEntries`.
 *
 * Hand-written rather than a library: an LRU that stores promises keyed by (key, version) is a
 * few lines, and lru-cache (the usual choice) has no notion of a version to compare against.
 */

export type VersionedCache<V> = {
  /** The value for `key` at `version`: cached, or computed once and cached. */
  get(key: string, version: string, compute: () => Promise<V>): Promise<V>;
  /** Drops one key, or every key. */
  invalidate(key?: string): void;
  /** Hits and misses since start, for tests and benchmarks. */
  stats(): { hits: number; misses: number; size: number };
};

export function createVersionedCache<V>(options: { maxEntries: number }): VersionedCache<V> {
  const entries = new Map<string, { version: string; value: Promise<V> }>();
  let hits = 0;
  let misses = 0;
  return {
    get(key, version, compute) {
      const found = entries.get(key);
      if (found && found.version === version) {
        hits += 1;
        // Most recently used goes last.
        entries.delete(key);
        entries.set(key, found);
        return found.value;
      }
      misses += 1;
      const value = compute();
      const entry = { version, value };
      entries.delete(key);
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return value;
    },
    invalidate(key) {
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
    stats: () => ({ hits, misses, size: entries.size }),
  };
}

/** A stable text key for JSON-like values (object keys sorted), for keys built from settings. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );
}

/**
 * One cache per database client: tests run several databases in one process, and a value
 * computed from one must never answer for another. In the app there is one client, so one cache.
 */
export function perDatabase<V>(options: { maxEntries: number }): (db: object) => VersionedCache<V> {
  const caches = new WeakMap<object, VersionedCache<V>>();
  return (db) => {
    let cache = caches.get(db);
    if (!cache) {
      cache = createVersionedCache<V>(options);
      caches.set(db, cache);
    }
    return cache;
  };
}
