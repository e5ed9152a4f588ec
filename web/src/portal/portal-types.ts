/** The portal's API types, taken from the server's zod schemas. */

import type { ExchangeOptionsView } from '@server/modules/exchanges/exchanges.schema.ts';
import type { OrderView as OrderViewSchema } from '@server/modules/orders/orders.schema.ts';
import type { Evaluation } from '@server/modules/policy/evaluate.ts';
import type { PublicReason } from '@server/modules/policy/public-reasons.ts';
import type {
  CarrierView as CarrierViewSchema,
  CustomerReturnView as CustomerReturnViewSchema,
  FeedbackView as FeedbackViewSchema,
  PhotoView as PhotoViewSchema,
  PortalReturnBody as PortalReturnBodySchema,
  PortalReturnCreated as PortalReturnCreatedSchema,
  ReturnOptionsView as ReturnOptionsViewSchema,
} from '@server/modules/portal/portal.schema.ts';
import type { ReturnView as ReturnViewSchema } from '@server/modules/returns/returns.schema.ts';
import type { z } from 'zod';

export type OrderView = z.infer<typeof OrderViewSchema>;
export type OrderLine = OrderView['lines'][number];
export type ReturnView = z.infer<typeof ReturnViewSchema>;
export type CustomerReturn = z.infer<typeof CustomerReturnViewSchema>;
export type ProgressStep = CustomerReturn['steps'][number];
/** A reason as the portal offers it, with the sub-reasons a customer may pick under it. */
export type Reason = PublicReason;
export type SubReason = NonNullable<Reason['children']>[number];
export type ReturnOptions = Omit<z.infer<typeof ReturnOptionsViewSchema>, 'reasons'> & { reasons: Reason[]; shopShippingInsurance: boolean };
export type ExchangeOptions = ExchangeOptionsView;
export type ExchangeVariant = ExchangeOptions['lines'][number]['variants'][number];
export type Carrier = z.infer<typeof CarrierViewSchema>;
export type Photo = z.infer<typeof PhotoViewSchema>;
export type Feedback = z.infer<typeof FeedbackViewSchema>;
export type PortalReturnBody = z.input<typeof PortalReturnBodySchema>;
export type PortalReturnCreated = z.infer<typeof PortalReturnCreatedSchema>;
export type Preview = Omit<Evaluation, 'rules'> & { policyVersion: number; returnable: { orderLineId: string; returnableQuantity: number }[] };
export type Session = { token: string; expiresAt: string; customerId: string };
export type PublicPolicy = {
  version: number;
  returnWindowDays: number;
  reasons: Reason[];
  nonReturnableCategories: string[];
  'zh-CN': { title: string; summary: string; items: string[] };
  en: { title: string; summary: string; items: string[] };
};

/** The after-sales kinds customers know from the marketplaces, and how each maps onto the API. */
export type AfterSalesKind = 'return_refund' | 'exchange' | 'refund_only';
