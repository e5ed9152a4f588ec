/**
 * PostgreSQL: the precompiled hot queries (db/precompiled.ts) run as named prepared
 * statements, so each pooled connection parses and plans each of them once instead of on
 * every call. The product's queries are otherwise sent unnamed, parsed and planned anew
 * each time; a return creation makes a dozen of them, and on a small server PostgreSQL's
 * CPU is shared with the app's (docs/performance.md). Only texts registered here are
 * named: their number is bounded by the templates in the code, never by the data.
 * `RETURNFLOW_PG_PREPARE=0` turns it off (a pooler in transaction mode that cannot keep
 * prepared statements, such as PgBouncer before 1.21).
 */
const names = new Map<string, string>();
/** A safety bound: past it, further texts run unnamed. */
const maxNamed = 2000;

/** Marks a query text as one to run as a named prepared statement. */
export function markPrepared(text: string): void {
  if (!names.has(text) && names.size < maxNamed) names.set(text, `rf_${names.size + 1}`);
}

/** The statement name of a marked query text. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}
