/** Customers from a sheet: the phone number (or email) identifies a customer; one already known is left as it is. */
import type { Db } from '../../../db/connect.ts';
import type { Column } from '../columns.ts';
import { findDuplicates, type KindDefinition } from '../import-kind.ts';
import { customersByContact } from '../lookups.repository.ts';

export type CustomerRecord = { line: number; name: string; phone: string | null; email: string | null; tier: string | null };

const columns: Column[] = [
  { key: 'name', zh: '客户名称', en: 'Name', aliases: ['姓名', '客户', '收货人'], required: true, example: '张三' },
  { key: 'phone', zh: '手机号', en: 'Phone', aliases: ['手机', '电话', '联系电话', '手机号码'], example: '13800138000' },
  { key: 'email', zh: '邮箱', en: 'Email', aliases: ['电子邮箱', 'E-mail'], example: 'zhangsan@example.com' },
  { key: 'tier', zh: '客户等级', en: 'Tier', aliases: ['会员等级', '等级'], example: 'standard' },
];

export const customerImport: KindDefinition<CustomerRecord> = {
  kind: 'customers',
  columns,
  parse(rows) {
    const records: CustomerRecord[] = [];
    for (const row of rows) {
      const name = row.text('name', { required: true, max: 100 });
      const phone = row.phone('phone');
      const email = row.email('email');
      const tier = row.text('tier', { max: 40 });
      if (!phone && !email && !row.raw('phone') && !row.raw('email')) row.problem(null, 'needs_contact');
      if (name && (phone || email)) records.push({ line: row.line, name, phone, email, tier });
    }
    return {
      records,
      problems: [...findDuplicates(records, (r) => r.phone, 'phone'), ...findDuplicates(records, (r) => r.email, 'email')],
    };
  },
  async plan(db: Db, records) {
    const { byPhone, byEmail } = await customersByContact(
      db,
      records.flatMap((r) => (r.phone ? [r.phone] : [])),
      records.flatMap((r) => (r.email ? [r.email] : [])),
    );
    return {
      planned: records.map((record) =>
        (record.phone && byPhone.has(record.phone)) || (record.email && byEmail.has(record.email))
          ? { record, action: 'skip', note: 'exists' }
          : { record, action: 'create' },
      ),
      problems: [],
    };
  },
};
