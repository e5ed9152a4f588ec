/** The staff a stage can be assigned to by an automation: active users with their roles. */
import type { Db } from '../../db/connect.ts';

export type Assignee = { id: string; name: string; roles: string[] };

/** Active staff, by name. */
export async function listAssignees(db: Db): Promise<Assignee[]> {
  const rows = await db.selectFrom('users').select(['id', 'name', 'roles']).where('disabled', '=', 0).orderBy('name').limit(500).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, roles: JSON.parse(r.roles) as string[] }));
}
