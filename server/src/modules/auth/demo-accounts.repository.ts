/** The demo shop's staff accounts, found by their email domain. */
import type { Db } from '../../db/connect.ts';

export type DemoAccount = { email: string; name: string; roles: string[] };

/** Enabled users whose email is at the domain, oldest first. */
export async function findAccountsAtDomain(db: Db, domain: string): Promise<DemoAccount[]> {
  const rows = await db
    .selectFrom('users')
    .select(['email', 'name', 'roles'])
    .where('email', 'like', `%@${domain}`)
    .where('disabled', '=', 0)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ email: r.email, name: r.name, roles: JSON.parse(r.roles) as string[] }));
}
