/**
 * One order's return, if it has one, with its whole life up to now: review (or automatic
 * approval), rejection or cancellation, the parcel, receipt into the returns zone,
 * inspection with dispositions, refund (or store credit) and closing; with its timeline,
 * stage rows with due times, stock movements, and refund documents. Returns rows to write.
 */

import { localDate } from '../../server/src/modules/analytics/shop-time.ts';
import type { ProcessDefinition } from '../../server/src/modules/process/process.schema.ts';
import type { BulkWriter, Row } from './bulk-writer.ts';
import { type Category, channelReturnFactor, type Random } from './shop-model.ts';

const day = 86_400_000;
const hour = 3_600_000;

export type ReturnContext = {
  w: BulkWriter;
  r: Random;
  now: number;
  timeZone: string;
  adminId: string;
  process: ProcessDefinition;
  idAt: (prefix: string, ms: number) => string;
  /** Document counters by name (RT-20261127 …), written to `sequences` at the end. */
  sequences: Map<string, number>;
  /** Stock moved by returns, by product|location. */
  stock: Map<string, number>;
};

export type GenLine = {
  id: string;
  lineNo: number;
  quantity: number;
  paidAmount: number;
  product: { id: string; sku: string; category: Category; problemFrom: string | null };
};
export type GenOrder = {
  orderId: string;
  customerId: string;
  channel: string;
  placed: number;
  delivered: number;
  promo: boolean;
  returner: number;
  warehouse: { id: string; main: string; returns: string; damaged: string };
  lines: GenLine[];
};

export type ReturnPlan = { rows: [string, Row][]; valued: Map<string, number> };

const iso = (ms: number) => new Date(ms).toISOString();

function documentNumber(ctx: ReturnContext, prefix: string, at: number): string {
  const key = `${prefix}-${localDate(new Date(at), ctx.timeZone).replaceAll('-', '')}`;
  const n = (ctx.sequences.get(key) ?? 0) + 1;
  ctx.sequences.set(key, n);
  return `${key}-${String(n).padStart(4, '0')}`;
}

/** Plans the return of an order (or null when nothing comes back). */
export function planReturn(ctx: ReturnContext, o: GenOrder): ReturnPlan | null {
  const { r } = ctx;
  const placedDay = localDate(new Date(o.placed), ctx.timeZone);
  const chosen = o.lines.filter((l) => {
    const problem = l.product.problemFrom !== null && placedDay >= l.product.problemFrom;
    const p = l.product.category.returnRate * (channelReturnFactor[o.channel] ?? 1) * o.returner * (o.promo ? 1.4 : 1) * (problem ? 3.5 : 1);
    return r.chance(Math.min(0.9, p * 0.72));
  });
  if (chosen.length === 0) return null;
  const created = o.delivered + (0.1 + Math.min(13, r.expo(1.8))) * day;
  if (created >= ctx.now) return null;

  const rows: [string, Row][] = [];
  const valued = new Map<string, number>();
  const id = ctx.idAt('ret', created);
  const stageDef = (code: string) => ctx.process.stages.find((s) => s.code === code);
  let status = 'requested';
  let stage = 'review';
  let stageRow: Row | null = null;
  const enter = (code: string, at: number, dueFrom = at) => {
    if (stageRow) stageRow.exited_at = iso(at);
    const def = stageDef(code);
    stage = code;
    stageRow = {
      id: ctx.idAt('stg', at),
      return_id: id,
      stage: code,
      owner_role: def?.ownerRole ?? 'manager',
      entered_at: iso(at),
      exited_at: null,
      due_at: code !== 'done' && def?.timeLimitHours ? iso(dueFrom + def.timeLimitHours * hour) : null,
    };
    rows.push(['return_stages', stageRow]);
  };
  const event = (action: string, at: number, actorKind = 'user', note: string | null = null) =>
    rows.push([
      'return_events',
      {
        id: ctx.idAt('rev', at),
        return_id: id,
        action,
        status,
        note,
        data: null,
        actor_kind: actorKind,
        actor_id: actorKind === 'user' ? ctx.adminId : null,
        created_at: iso(at),
      },
    ]);
  const move = (productId: string, from: string | null, to: string | null, quantity: number, type: string, at: number) => {
    rows.push([
      'stock_movements',
      {
        id: ctx.idAt('mov', at),
        product_id: productId,
        from_location_id: from,
        to_location_id: to,
        quantity,
        type,
        source_type: 'return',
        source_id: id,
        lot: null,
        reason: null,
        actor_kind: 'user',
        actor_id: ctx.adminId,
        created_at: iso(at),
      },
    ]);
    if (from) ctx.stock.set(`${productId}|${from}`, (ctx.stock.get(`${productId}|${from}`) ?? 0) - quantity);
    if (to) ctx.stock.set(`${productId}|${to}`, (ctx.stock.get(`${productId}|${to}`) ?? 0) + quantity);
  };

  const lines = chosen.map((l, i) => {
    const problem = l.product.problemFrom !== null && placedDay >= l.product.problemFrom;
    const reason = problem
      ? r.weighted([
          ['quality', 55],
          ['not_as_described', 30],
          ['no_reason', 15],
        ] as const)
      : r.weighted(l.product.category.reasons);
    const quantity = l.quantity === 1 ? 1 : r.int(1, l.quantity);
    return { line: l, id: ctx.idAt('rln', created), lineNo: i + 1, quantity, reason, problem, received: 0, inspected: 0, accepted: 0, refused: 0, value: 0 };
  });
  const resolution = r.chance(0.1) ? 'store_credit' : 'refund';
  const auto = r.chance(0.55);
  const ret: Row = {
    id,
    number: documentNumber(ctx, 'RT', created),
    order_id: o.orderId,
    customer_id: o.customerId,
    type: 'return',
    resolution,
    channel: r.weighted([
      ['portal', 70],
      ['service', 15],
      ['phone', 10],
      ['chat', 5],
    ] as const),
    currency: 'CNY',
    status,
    stage,
    policy_version: 1,
    decision: JSON.stringify({
      outcome: auto ? 'approved' : 'pending_review',
      policyVersion: 1,
      rules: [{ rule: 'window', outcome: 'pass', message: '在退货期限内', messageEn: 'Within the return window' }],
      returnless: false,
      refundOnReceipt: false,
      decidedAt: iso(created),
    }),
    returnless: 0,
    refund_on_receipt: 0,
    approved_at: null,
    rejected_at: null,
    reject_reason: null,
    cancelled_at: null,
    cancel_reason: null,
    shipped_at: null,
    carrier: null,
    tracking_number: null,
    replacement_shipped_at: null,
    resolved_at: null,
    closed_at: null,
    shipping_refund_amount: 0,
    refundable_amount: 0,
    refunded_amount: 0,
    created_by_kind: 'customer',
    created_by_id: null,
    created_at: iso(created),
    updated_at: iso(created),
  };
  rows.push(['returns', ret]);
  event('create', created, 'customer');
  let t = created;
  const step = (wait: number) => {
    t += wait;
    return t < ctx.now;
  };

  // Review: automatic, or a person within hours; some are rejected or withdrawn.
  let approved = auto;
  if (auto) {
    status = 'approved';
    ret.approved_at = iso(created);
    enter('return_shipping', created);
  } else {
    enter('review', created);
    if (step((0.3 + r.expo(8)) * hour)) {
      const outcome = r.weighted([
        ['approve', 92],
        ['reject', 5],
        ['cancel', 3],
      ] as const);
      if (outcome === 'approve') {
        status = 'approved';
        ret.approved_at = iso(t);
        approved = true;
        event('approve', t);
        enter('return_shipping', t);
      } else {
        status = outcome === 'reject' ? 'rejected' : 'cancelled';
        ret[outcome === 'reject' ? 'rejected_at' : 'cancelled_at'] = iso(t);
        if (outcome === 'reject') ret.reject_reason = '不符合退货政策';
        event(outcome, t, outcome === 'reject' ? 'user' : 'customer');
        enter('done', t);
      }
    }
  }
  let received = 0;
  if (approved && step((0.2 + r.expo(1.5)) * day)) {
    status = 'in_transit';
    ret.shipped_at = iso(t);
    ret.carrier = r.pick(['SF', 'ZTO', 'YTO', 'JD']);
    ret.tracking_number = `${ret.carrier}${Math.floor(r.next() * 1e12)}`;
    event('ship', t, 'customer');
    enter('receiving', t);
    if (step((0.8 + r.expo(1.2)) * day)) {
      received = t;
      status = 'received';
      for (const l of lines) {
        l.received = l.quantity;
        move(l.line.product.id, null, o.warehouse.returns, l.quantity, 'return_receipt', t);
      }
      event('receive', t);
      enter('inspection', t);
      if (step((0.05 + r.expo(0.8)) * day)) {
        status = 'inspected';
        for (const l of lines) {
          const disposition = l.problem
            ? r.weighted([
                ['restock', 30],
                ['damaged', 30],
                ['scrap', 20],
                ['vendor', 20],
              ] as const)
            : r.weighted([
                ['restock', 78],
                ['damaged', 9],
                ['scrap', 4],
                ['vendor', 4],
                ['reject', 5],
              ] as const);
          l.inspected = l.quantity;
          if (disposition === 'reject') l.refused = l.quantity;
          else l.accepted = l.quantity;
          const grade = disposition === 'restock' ? r.pick(['A', 'A', 'B']) : disposition === 'reject' ? 'D' : 'C';
          rows.push([
            'return_inspections',
            {
              id: ctx.idAt('ins', t),
              return_id: id,
              return_line_id: l.id,
              quantity: l.quantity,
              grade,
              disposition,
              actor_kind: 'user',
              actor_id: ctx.adminId,
              created_at: iso(t),
            },
          ]);
          if (l.accepted > 0)
            rows.push([
              'return_line_grades',
              { return_line_id: l.id, grade, return_id: id, accepted_quantity: l.accepted, valued_quantity: 0, value_amount: 0 },
            ]);
          const product = l.line.product.id;
          if (disposition === 'restock') move(product, o.warehouse.returns, o.warehouse.main, l.quantity, 'inspection_restock', t);
          else if (disposition === 'damaged') move(product, o.warehouse.returns, o.warehouse.damaged, l.quantity, 'inspection_damaged', t);
          else
            move(
              product,
              o.warehouse.returns,
              null,
              l.quantity,
              disposition === 'scrap' ? 'scrap' : disposition === 'vendor' ? 'return_to_vendor' : 'refused_return',
              t,
            );
          l.value = Math.floor((l.line.paidAmount * l.accepted) / l.line.quantity);
        }
        ret.refundable_amount = lines.reduce((s, l) => s + l.value, 0);
        event('inspect', t);
        enter('refund', t, received);
        if (step((0.02 + r.expo(0.6)) * day)) {
          const amount = lines.reduce((s, l) => s + l.value, 0);
          if (amount > 0) {
            const refundId = ctx.idAt('rfd', t);
            const method = resolution === 'store_credit' ? 'store_credit' : 'original';
            rows.push([
              'refunds',
              {
                id: refundId,
                number: documentNumber(ctx, 'RF', t),
                return_id: id,
                customer_id: o.customerId,
                amount,
                currency: 'CNY',
                method,
                status: 'paid',
                channel: null,
                reference: null,
                provider_reference: null,
                requested_by_kind: 'user',
                requested_by_id: ctx.adminId,
                approved_by_id: null,
                created_at: iso(t),
                paid_at: iso(t),
                kind: 'refund',
                due_at: iso(received + 7 * day),
              },
            ]);
            for (const l of lines.filter((x) => x.value > 0)) {
              rows.push(['refund_lines', { id: ctx.idAt('rfl', t), refund_id: refundId, return_line_id: l.id, kind: 'goods', amount: l.value }]);
              valued.set(l.line.id, l.accepted);
            }
            if (method === 'store_credit') {
              rows.push([
                'store_credit_entries',
                {
                  id: ctx.idAt('sce', t),
                  customer_id: o.customerId,
                  amount,
                  currency: 'CNY',
                  type: 'refund',
                  source_type: 'refund',
                  source_id: refundId,
                  created_at: iso(t),
                },
              ]);
            }
            ret.refunded_amount = amount;
          }
          status = 'resolved';
          ret.resolved_at = iso(t);
          event('refund', t);
          enter('done', t);
          if (r.chance(0.6) && step(r.expo(5) * day)) {
            status = 'closed';
            ret.closed_at = iso(t);
            event('close', t);
          }
        }
      }
    }
  }
  ret.status = status;
  ret.stage = stage;
  ret.updated_at = iso(Math.min(t, ctx.now));
  for (const l of lines) {
    const refunded = valued.has(l.line.id);
    rows.push([
      'return_lines',
      {
        id: l.id,
        return_id: id,
        line_no: l.lineNo,
        order_line_id: l.line.id,
        product_id: l.line.product.id,
        sku: l.line.product.sku,
        quantity: l.quantity,
        reason_code: l.reason,
        note: null,
        received_quantity: l.received,
        inspected_quantity: l.inspected,
        accepted_quantity: l.accepted,
        refused_quantity: l.refused,
        valued_quantity: refunded ? l.accepted : 0,
        value_amount: refunded ? l.value : 0,
        fee_amount: 0,
      },
    ]);
  }
  return { rows, valued };
}
