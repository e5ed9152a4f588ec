/** Excel exports of the console's lists (returns, refunds, stock, customers) with the list's filters applied. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff, scopeOf } from '../http/principal.ts';
import { seesMaskedPhones, seesOnlyOwnCustomers } from '../modules/auth/roles.ts';
import { exportCustomers, exportRefunds, exportReturns, exportStock } from '../modules/exports/exports.repository.ts';
import { buildWorkbook } from '../modules/exports/workbook.ts';
import { statusText } from '../modules/notifications/notice-catalog.ts';
import { type ConsoleReturnFilter, consoleReturnIds } from '../modules/queues/queues.repository.ts';
import { ConsoleReturnQuery } from '../modules/queues/queues.schema.ts';
import { returnStatuses } from '../modules/returns/return-status.ts';
import { errorResponses } from './common.ts';
import { maskPhone } from './customers.ts';
import { readerLocale, sendFile, xlsxType } from './imports-common.ts';

const Lang = z.enum(['zh-CN', 'en']).optional();
const When = z.iso.datetime({ offset: true }).or(z.iso.date());
const toInstant = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();
const fileResponse = { 200: z.unknown().describe('an .xlsx file'), ...errorResponses };
const stamp = (now: Date) => now.toISOString().slice(0, 10);

const typeNames: Record<string, { zh: string; en: string }> = {
  return: { zh: '退货退款', en: 'Return' },
  refund_only: { zh: '仅退款', en: 'Refund only' },
};
const resolutionNames: Record<string, { zh: string; en: string }> = {
  refund: { zh: '退款', en: 'Refund' },
  exchange: { zh: '换货', en: 'Exchange' },
  store_credit: { zh: '店铺余额', en: 'Store credit' },
};
/** The refund's method and status as the finance page words them. */
const methodNames: Record<string, { zh: string; en: string }> = {
  original: { zh: '原路退回', en: 'Original payment' },
  store_credit: { zh: '店铺余额', en: 'Store credit' },
  manual: { zh: '线下退款', en: 'Paid by hand' },
};
const refundStatusNames: Record<string, { zh: string; en: string }> = {
  pending_approval: { zh: '待审批', en: 'Awaiting approval' },
  paid: { zh: '已退款', en: 'Paid' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};
const words = (table: Record<string, { zh: string; en: string }>, value: string, en: boolean) => table[value]?.[en ? 'en' : 'zh'] ?? value;

export function exportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/exports/returns.xlsx',
      {
        schema: {
          tags: ['exports'],
          summary: 'Returns as Excel, with the returns list’s filters',
          querystring: z.object({
            status: z
              .string()
              .max(200)
              .transform((s) => s.split(',').filter(Boolean))
              .pipe(z.array(z.enum(returnStatuses)))
              .optional(),
            from: When.optional(),
            to: When.optional(),
            channel: z.string().max(40).optional(),
            customerId: z.string().max(64).optional(),
            orderId: z.string().max(64).optional(),
            stage: z.string().max(40).optional(),
            reasonCode: z.string().max(40).optional(),
            // The console list's other filters (search, owner of the stage, overdue, queue, analytics drill-down).
            ...ConsoleReturnQuery.pick({
              q: true,
              ownerRole: true,
              overdue: true,
              queue: true,
              productId: true,
              category: true,
              supplierId: true,
              reasonCodes: true,
              orderChannel: true,
              warehouseId: true,
            }).shape,
            lang: Lang,
          }),
          produces: [xlsxType],
          response: fileResponse,
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'returns:read');
        const { lang, from, to, q, ownerRole, overdue, queue, productId, category, supplierId, reasonCodes, orderChannel, warehouseId, ...filter } =
          request.query;
        const locale = readerLocale(request, lang);
        const en = locale === 'en';
        const drill = {
          ...(productId ? { productId } : {}),
          ...(category ? { category } : {}),
          ...(supplierId ? { supplierId } : {}),
          ...(reasonCodes ? { reasonCodes: reasonCodes.split(',').filter(Boolean) } : {}),
          ...(orderChannel ? { orderChannel } : {}),
          ...(warehouseId ? { warehouseId } : {}),
        };
        const listOnly: Omit<ConsoleReturnFilter, 'now'> = {
          ...(q ? { q } : {}),
          ...(ownerRole ? { ownerRole } : {}),
          ...(overdue ? { overdue: overdue === 'true' } : {}),
          ...(queue ? { queue } : {}),
          ...(Object.keys(drill).length > 0 ? { drill } : {}),
        };
        const within = Object.keys(listOnly).length > 0 ? consoleReturnIds(ctx.db, scopeOf(p), { ...listOnly, now: ctx.clock.now().toISOString() }) : undefined;
        const rows = await exportReturns(ctx.db, scopeOf(p), {
          ...filter,
          ...(from ? { from: toInstant(from) } : {}),
          ...(to ? { to: toInstant(to) } : {}),
          ...(within ? { within } : {}),
        });
        const bytes = await buildWorkbook(
          {
            name: { zh: '退货单', en: 'Returns' },
            columns: [
              { zh: '退货单号', en: 'Return number', width: 20, value: (r) => r.number },
              { zh: '订单号', en: 'Order number', width: 20, value: (r) => r.orderNumber },
              { zh: '客户', en: 'Customer', value: (r) => r.customerName },
              { zh: '状态', en: 'Status', width: 12, value: (r) => statusText(r.status, locale) },
              { zh: '类型', en: 'Type', width: 12, value: (r) => words(typeNames, r.type, en) },
              { zh: '处理方式', en: 'Resolution', width: 12, value: (r) => words(resolutionNames, r.resolution, en) },
              { zh: '渠道', en: 'Channel', width: 12, value: (r) => r.channel },
              { zh: '原因', en: 'Reasons', width: 20, value: (r) => r.reasons },
              { zh: '件数', en: 'Units', width: 8, kind: 'integer', value: (r) => r.units },
              { zh: '应退金额', en: 'Refundable', kind: 'money', value: (r) => r.refundableAmount },
              { zh: '已退金额', en: 'Refunded', kind: 'money', value: (r) => r.refundedAmount },
              { zh: '币种', en: 'Currency', width: 8, value: (r) => r.currency },
              { zh: '快递公司', en: 'Carrier', value: (r) => r.carrier },
              { zh: '运单号', en: 'Tracking number', width: 20, value: (r) => r.trackingNumber },
              { zh: '申请时间', en: 'Created', width: 18, kind: 'datetime', value: (r) => r.createdAt },
              { zh: '更新时间', en: 'Updated', width: 18, kind: 'datetime', value: (r) => r.updatedAt },
            ],
            rows,
          },
          locale,
        );
        return sendFile(reply, { fileName: `${en ? 'returns' : '退货单'}-${stamp(ctx.clock.now())}.xlsx`, contentType: xlsxType, bytes });
      },
    );

    app.get(
      '/exports/refunds.xlsx',
      {
        schema: {
          tags: ['exports'],
          summary: 'Refunds as Excel, with the refunds list’s filters',
          querystring: z.object({
            status: z.enum(['pending_approval', 'paid', 'rejected']).optional(),
            method: z.enum(['original', 'store_credit', 'manual']).optional(),
            from: When.optional(),
            to: When.optional(),
            lang: Lang,
          }),
          produces: [xlsxType],
          response: fileResponse,
        },
      },
      async (request, reply) => {
        requireStaff(request, 'reports:read');
        const { lang, from, to, ...filter } = request.query;
        const locale = readerLocale(request, lang);
        const en = locale === 'en';
        const rows = await exportRefunds(ctx.db, { ...filter, ...(from ? { from: toInstant(from) } : {}), ...(to ? { to: toInstant(to) } : {}) });
        const bytes = await buildWorkbook(
          {
            name: { zh: '退款单', en: 'Refunds' },
            columns: [
              { zh: '退款单号', en: 'Refund number', width: 20, value: (r) => r.number },
              { zh: '退货单号', en: 'Return number', width: 20, value: (r) => r.returnNumber },
              { zh: '客户', en: 'Customer', value: (r) => r.customerName },
              { zh: '金额', en: 'Amount', kind: 'money', value: (r) => r.amount },
              { zh: '币种', en: 'Currency', width: 8, value: (r) => r.currency },
              { zh: '方式', en: 'Method', width: 12, value: (r) => words(methodNames, r.method, en) },
              { zh: '状态', en: 'Status', width: 14, value: (r) => words(refundStatusNames, r.status, en) },
              { zh: '渠道', en: 'Channel', value: (r) => r.channel },
              { zh: '流水号', en: 'Reference', width: 20, value: (r) => r.reference },
              { zh: '申请时间', en: 'Created', width: 18, kind: 'datetime', value: (r) => r.createdAt },
              { zh: '支付时间', en: 'Paid', width: 18, kind: 'datetime', value: (r) => r.paidAt },
            ],
            rows,
          },
          locale,
        );
        return sendFile(reply, { fileName: `${en ? 'refunds' : '退款单'}-${stamp(ctx.clock.now())}.xlsx`, contentType: xlsxType, bytes });
      },
    );

    app.get(
      '/exports/stock.xlsx',
      {
        schema: {
          tags: ['exports'],
          summary: 'Stock levels by product and location as Excel',
          querystring: z.object({
            q: z.string().trim().max(100).optional().describe('Part of the SKU or name, or the barcode (the stock list’s search)'),
            sku: z.string().max(64).optional(),
            location: z.string().max(40).optional(),
            category: z.string().max(60).optional(),
            nonZero: z.enum(['true', 'false']).optional(),
            lang: Lang,
          }),
          produces: [xlsxType],
          response: fileResponse,
        },
      },
      async (request, reply) => {
        requireStaff(request, 'inventory:read');
        const { lang, nonZero, ...filter } = request.query;
        const locale = readerLocale(request, lang);
        const rows = await exportStock(ctx.db, { ...filter, nonZero: nonZero === 'true' });
        const bytes = await buildWorkbook(
          {
            name: { zh: '库存', en: 'Stock' },
            columns: [
              { zh: '商品编码', en: 'SKU', width: 20, value: (r) => r.sku },
              { zh: '商品名称', en: 'Name', width: 28, value: (r) => r.name },
              { zh: '分类', en: 'Category', value: (r) => r.category },
              { zh: '库位', en: 'Location', width: 12, value: (r) => r.location },
              { zh: '库位类型', en: 'Location kind', width: 12, value: (r) => r.locationKind },
              { zh: '在库', en: 'On hand', width: 10, kind: 'integer', value: (r) => r.onHand },
              { zh: '预留', en: 'Reserved', width: 10, kind: 'integer', value: (r) => r.reserved },
            ],
            rows,
          },
          locale,
        );
        return sendFile(reply, { fileName: `${locale === 'en' ? 'stock' : '库存'}-${stamp(ctx.clock.now())}.xlsx`, contentType: xlsxType, bytes });
      },
    );

    app.get(
      '/exports/customers.xlsx',
      {
        schema: {
          tags: ['exports'],
          summary: 'Customers as Excel (phone numbers masked for the warehouse; sales see their own customers)',
          querystring: z.object({ q: z.string().max(100).optional(), lang: Lang }),
          produces: [xlsxType],
          response: fileResponse,
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'customers:read');
        const locale = readerLocale(request, request.query.lang);
        const rows = await exportCustomers(ctx.db, {
          ...(request.query.q ? { q: request.query.q } : {}),
          ...(seesOnlyOwnCustomers(p.user.roles) ? { salesUserId: p.user.id } : {}),
        });
        const masked = seesMaskedPhones(p.user.roles);
        const bytes = await buildWorkbook(
          {
            name: { zh: '客户', en: 'Customers' },
            columns: [
              { zh: '客户名称', en: 'Name', value: (r) => r.name },
              { zh: '手机号', en: 'Phone', width: 16, value: (r) => (masked ? maskPhone(r.phone) : r.phone) },
              { zh: '邮箱', en: 'Email', width: 28, value: (r) => r.email },
              { zh: '等级', en: 'Tier', width: 10, value: (r) => r.tier },
              { zh: '退货次数', en: 'Returns', width: 10, kind: 'integer', value: (r) => r.returns },
              { zh: '创建时间', en: 'Created', width: 18, kind: 'datetime', value: (r) => r.createdAt },
            ],
            rows,
          },
          locale,
        );
        return sendFile(reply, { fileName: `${locale === 'en' ? 'customers' : '客户'}-${stamp(ctx.clock.now())}.xlsx`, contentType: xlsxType, bytes });
      },
    );
  };
}
