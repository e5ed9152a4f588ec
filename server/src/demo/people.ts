/** The demo shop's people: one staff user per role (two in finance), and its customers. */
import type { Db } from '../db/connect.ts';
import type { Actor } from '../lib/actor.ts';
import { createUser } from '../modules/auth/auth.service.ts';
import type { Role } from '../modules/auth/roles.ts';
import { createCustomer } from '../modules/customers/customers.repository.ts';
import { day, type Random } from './random.ts';

export const demoPassword = 'demo1234';

export type DemoLogin = { role: string; email: string; password: string };

type StaffKey = Role | 'finance2';
type StaffSpec = { key: StaffKey; role: Role; email: string; name: string };

const staff: readonly StaffSpec[] = [
  { key: 'admin', role: 'admin', email: 'admin@demo.returnflow.cn', name: '周店长' },
  { key: 'manager', role: 'manager', email: 'manager@demo.returnflow.cn', name: '王经理' },
  { key: 'service', role: 'service', email: 'service@demo.returnflow.cn', name: '李客服' },
  { key: 'warehouse', role: 'warehouse', email: 'warehouse@demo.returnflow.cn', name: '张仓管' },
  { key: 'finance', role: 'finance', email: 'finance@demo.returnflow.cn', name: '陈财务' },
  // A second finance user approves refunds above the policy's approval limit.
  { key: 'finance2', role: 'finance', email: 'finance2@demo.returnflow.cn', name: '孙会计' },
  { key: 'sales', role: 'sales', email: 'sales@demo.returnflow.cn', name: '赵销售' },
  { key: 'viewer', role: 'viewer', email: 'viewer@demo.returnflow.cn', name: '钱审计' },
];

export type UserActor = Actor & { kind: 'user'; id: string };
export type DemoStaff = Record<StaffKey, UserActor>;

/**
 * Creates the staff users. An email that already exists (the first admin configured by
 * RETURNFLOW_ADMIN_EMAIL, say) is used as it is and left out of the logins: its password
 * is not the demo one.
 */
export async function createStaff(db: Db, at: Date): Promise<{ users: DemoStaff; logins: DemoLogin[] }> {
  const entries = await Promise.all(
    staff.map(async (s): Promise<[StaffKey, UserActor, boolean]> => {
      const existing = await db.selectFrom('users').select('id').where('email', '=', s.email).executeTakeFirst();
      if (existing) return [s.key, { kind: 'user', id: existing.id }, false];
      const created = await createUser(db, { email: s.email, name: s.name, password: demoPassword, roles: [s.role], locale: 'zh-CN', now: at });
      return [s.key, { kind: 'user', id: created.id }, true];
    }),
  );
  const fresh = new Set(entries.filter(([, , created]) => created).map(([key]) => key));
  return {
    users: Object.fromEntries(entries.map(([key, actor]) => [key, actor])) as DemoStaff,
    logins: staff.filter((s) => fresh.has(s.key)).map((s) => ({ role: s.key, email: s.email, password: demoPassword })),
  };
}

const surnames = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['高', 'gao'],
  ['梁', 'liang'],
  ['宋', 'song'],
] as const;

const givenNames = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['秀英', 'xiuying'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['艳', 'yan'],
  ['勇', 'yong'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['晓燕', 'xiaoyan'],
  ['子涵', 'zihan'],
  ['浩然', 'haoran'],
  ['欣怡', 'xinyi'],
  ['梓萱', 'zixuan'],
  ['宇轩', 'yuxuan'],
  ['思远', 'siyuan'],
  ['雨婷', 'yuting'],
  ['建华', 'jianhua'],
  ['佳琪', 'jiaqi'],
  ['一鸣', 'yiming'],
] as const;

const mobilePrefixes = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '166',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '191',
  '199',
];
// Reserved example domains (RFC 2606): demo customers must never receive real mail.
const mailDomains = ['example.com', 'example.net', 'example.org'];

export type DemoCustomer = {
  name: string;
  phone: string;
  email: string | null;
  tier: string;
  /** Wholesale and key accounts are looked after by the sales user. */
  ownedBySales: boolean;
  /** How often they order, relative to the others. */
  activity: number;
  /** Days before the demo period starts that they registered. */
  registeredDaysBefore: number;
};

/** Plans the customers: unique names and mobile numbers, an email for about half. */
export function planCustomers(random: Random, count: number): DemoCustomer[] {
  const names = new Set<string>();
  const phones = new Set<string>();
  const customers: DemoCustomer[] = [];
  while (customers.length < count) {
    const [surname, surnamePinyin] = random.pick(surnames);
    const [given, givenPinyin] = random.pick(givenNames);
    const name = `${surname}${given}`;
    if (names.has(name)) continue;
    const phone = `${random.pick(mobilePrefixes)}${random.digits(8)}`;
    if (phones.has(phone)) continue;
    names.add(name);
    phones.add(phone);
    const index = customers.length;
    const ownedBySales = index % 5 === 2;
    const email = random.chance(0.55) ? `${surnamePinyin}.${givenPinyin}${random.int(1, 99)}@${random.pick(mailDomains)}` : null;
    customers.push({
      name,
      phone,
      email,
      tier: ownedBySales ? 'wholesale' : random.chance(0.2) ? 'vip' : 'standard',
      ownedBySales,
      activity: random.weighted([
        [1, 5],
        [2, 3],
        [4, 2],
        [7, 1],
      ]),
      registeredDaysBefore: random.int(1, 400),
    });
  }
  return customers;
}

/** Writes the customers in one transaction; returns their ids in plan order. */
export async function createCustomers(db: Db, customers: readonly DemoCustomer[], salesUserId: string, start: Date): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const c of customers) {
      const created = await createCustomer(trx, {
        name: c.name,
        phone: c.phone,
        email: c.email,
        tier: c.tier,
        salesUserId: c.ownedBySales ? salesUserId : null,
        now: new Date(start.getTime() - c.registeredDaysBefore * day),
      });
      ids.push(created.id);
    }
    return ids;
  });
}
