/** The values a rule's list conditions can pick from, as the shop's own data has them (channels, categories, tiers …). */
import type { Db } from '../../db/connect.ts';

export type RuleOptions = { channels: string[]; paymentMethods: string[]; categories: string[]; tiers: string[]; skus: string[] };

const values = (rows: readonly { v: string | null }[]) => rows.flatMap((r) => (r.v ? [r.v] : []));

/** Distinct values in use, a few hundred at most of each. */
export async function loadRuleOptions(db: Db): Promise<RuleOptions> {
  const [channels, payments, categories, tiers, skus] = await Promise.all([
    db.selectFrom('orders').select('channel as v').distinct().orderBy('v').limit(200).execute(),
    db.selectFrom('orderPayments').select('method as v').distinct().orderBy('v').limit(200).execute(),
    db.selectFrom('products').select('category as v').distinct().orderBy('v').limit(500).execute(),
    db.selectFrom('customers').select('tier as v').distinct().orderBy('v').limit(100).execute(),
    db.selectFrom('products').select('sku as v').orderBy('v').limit(500).execute(),
  ]);
  return { channels: values(channels), paymentMethods: values(payments), categories: values(categories), tiers: values(tiers), skus: values(skus) };
}
