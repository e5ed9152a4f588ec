/** Types of the console's endpoints, taken from the server's zod schemas. */

import type {
  ConsoleCustomerPage as ConsoleCustomerPageSchema,
  CustomerInsight as CustomerInsightSchema,
} from '@server/modules/customers/customer-insight.schema.ts';
import type { LedgerPage as LedgerPageSchema, StockOverview as StockOverviewSchema } from '@server/modules/inventory/stock-overview.schema.ts';
import type { ProcessUpdateBody as ProcessUpdateBodySchema, ProcessView as ProcessViewSchema } from '@server/modules/process/process-view.schema.ts';
import type {
  ConsoleReturnPage as ConsoleReturnPageSchema,
  QueueCode as QueueCodeSchema,
  QueueOverview as QueueOverviewSchema,
} from '@server/modules/queues/queues.schema.ts';
import type { ReturnWorkbench as ReturnWorkbenchSchema } from '@server/modules/returns/workbench.schema.ts';
import type { z } from 'zod';

export type { User as StaffUser } from '../../api/types.ts';
export type QueueCode = z.infer<typeof QueueCodeSchema>;
export type QueueOverview = z.infer<typeof QueueOverviewSchema>;
export type QueueSummary = QueueOverview['queues'][number];
export type ConsoleReturnPage = z.infer<typeof ConsoleReturnPageSchema>;
export type ConsoleReturnRow = ConsoleReturnPage['data'][number];
export type ReturnWorkbench = z.infer<typeof ReturnWorkbenchSchema>;
export type ConsoleAction = ReturnWorkbench['actions'][number];
export type ProcessView = z.infer<typeof ProcessViewSchema>;
export type ProcessStageView = ProcessView['stages'][number];
export type ProcessUpdateBody = z.infer<typeof ProcessUpdateBodySchema>;
export type ConsoleCustomerPage = z.infer<typeof ConsoleCustomerPageSchema>;
export type ConsoleCustomerRow = ConsoleCustomerPage['data'][number];
export type CustomerInsight = z.infer<typeof CustomerInsightSchema>;
export type StockOverview = z.infer<typeof StockOverviewSchema>;
export type StockProductRow = StockOverview['data'][number];
export type LedgerPage = z.infer<typeof LedgerPageSchema>;
export type LedgerRow = LedgerPage['data'][number];

export type CustomerDetail = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tier: string;
  salesUserId: string | null;
  createdAt: string;
  returnStats: { returns: number; returnedUnits: number; refundedAmount: number };
  storeCreditBalance: number;
};

export type PolicyReason = { code: string; label: string; labelEn?: string | undefined; shopFault?: boolean | undefined };

export type PreviewLine = {
  orderLineId: string;
  eligible: boolean;
  deadline: string | null;
  estimatedValue: number;
  estimatedFee: number;
  violations: { rule: string; message: string; messageEn: string }[];
};

export type PolicyPreview = {
  eligible: boolean;
  outcome: 'approved' | 'pending_review';
  policyVersion: number;
  rules: { rule: string; outcome: string; message: string; messageEn: string; orderLineId?: string | undefined }[];
  lines: PreviewLine[];
  returnable: { orderLineId: string; returnableQuantity: number }[];
  returnless: boolean;
  refundOnReceipt: boolean;
  estimatedRefund: number;
};
