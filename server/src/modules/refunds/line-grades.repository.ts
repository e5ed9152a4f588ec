/** Accepted units of return lines by inspection grade, and what the priced ones are worth. */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Grade } from './refund-breakdown.ts';

export type LineGrade = { returnLineId: string; grade: Grade; acceptedQuantity: number; valuedQuantity: number; valueAmount: number };

/** The graded units of some return lines, by line. */
export async function findLineGrades(db: Db, returnLineIds: readonly string[]): Promise<Map<string, LineGrade[]>> {
  const byLine = new Map<string, LineGrade[]>();
  if (returnLineIds.length === 0) return byLine;
  const rows = await db
    .selectFrom('returnLineGrades')
    .select(['returnLineId', 'grade', 'acceptedQuantity', 'valuedQuantity', 'valueAmount'])
    .where('returnLineId', 'in', [...new Set(returnLineIds)])
    .orderBy('grade')
    .execute();
  for (const r of rows) {
    const list = byLine.get(r.returnLineId) ?? [];
    list.push({ ...r, grade: r.grade as Grade, valueAmount: Number(r.valueAmount) });
    byLine.set(r.returnLineId, list);
  }
  return byLine;
}

/** Counts units of a line accepted at inspection with a grade; run inside the inspection's transaction. */
export async function addAcceptedGrade(db: Db, o: { returnId: string; returnLineId: string; grade: Grade; quantity: number }): Promise<void> {
  if (o.quantity <= 0) return;
  await db
    .insertInto('returnLineGrades')
    .values({ returnLineId: o.returnLineId, grade: o.grade, returnId: o.returnId, acceptedQuantity: o.quantity, valuedQuantity: 0, valueAmount: 0 })
    .onConflict((oc) => oc.columns(['returnLineId', 'grade']).doUpdateSet({ acceptedQuantity: sql`return_line_grades.accepted_quantity + ${o.quantity}` }))
    .execute();
}

/** Records units of a graded bucket as priced at a value; run in the refund's transaction. */
export async function addPricedGrade(db: Db, o: { returnLineId: string; grade: Grade; units: number; value: number }): Promise<void> {
  if (o.units <= 0) return;
  await db
    .updateTable('returnLineGrades')
    .set({ valuedQuantity: sql`valued_quantity + ${o.units}`, valueAmount: sql`value_amount + ${o.value}` })
    .where('returnLineId', '=', o.returnLineId)
    .where('grade', '=', o.grade)
    .execute();
}
