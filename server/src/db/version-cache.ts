/**
 * Parsed documents of immutable versioned rows (policy and process versions), kept per
 * database by version number. A read then fetches the newest version's number and date —
 * a few bytes — instead of its whole JSON text (tens of KB), and hands out the parsed
 * document frozen instead of a deep copy: together these were ~9% of a return creation's
 * CPU in the benchmark's profile (docs/performance.md).
 */
import type { Db } from './connect.ts';

/** Freezes a parsed JSON document and everything in it; callers copy what they change. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The number and date of a version (the newest, when read as the one in force). */
export type VersionHead = { version: number; createdAt: string };

type Entry<T> = { createdAt: string; document: T };

/**
 * A cache of one kind of versioned document. Kept per database: the query adapter is one
 * object shared by a Kysely instance and all of its transactions, and a new one for every
 * database opened (the tests open hundreds in one process). An entry is used only when
 * the row's creation time matches too, so a database recreated under the same handle
 * cannot be served another database's version.
 */
export function versionCache<T>(size = 8) {
  const byDatabase = new WeakMap<object, Map<number, Entry<T>>>();
  const entries = (db: Db) => {
    const adapter = db.getExecutor().adapter;
    let map = byDatabase.get(adapter);
    if (!map) {
      map = new Map();
      byDatabase.set(adapter, map);
    }
    return map;
  };
  return {
    get(db: Db, version: number, createdAt: string): T | undefined {
      const entry = entries(db).get(version);
      return entry && entry.createdAt === createdAt ? entry.document : undefined;
    },
    set(db: Db, version: number, createdAt: string, document: T): T {
      const map = entries(db);
      map.set(version, { createdAt, document: deepFreeze(document) });
      if (map.size > size) map.delete(map.keys().next().value as number);
      return document;
    },
  };
}
