/** Demo data for a brand-new database (replaced by the full generator). */
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';

export type DemoLogin = { role: string; email: string; password: string };

/** Loads the demo shop and returns its logins. */
export async function seedDemoData(_ctx: AppContext, _log: Logger): Promise<DemoLogin[]> {
  return [];
}
