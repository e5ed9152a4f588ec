/** What the two databases differ on, asked in one place. */
import { PostgresAdapter } from 'kysely';

/** True when the Kysely instance (or transaction) talks to PostgreSQL. */
export function isPostgres(db: { getExecutor(): { readonly adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
