/**
 * Table types for Kysely. Column names are snake_case in SQL and camelCase here via
 * the CamelCasePlugin. Timestamps are ISO 8601 UTC strings on both databases
 * (SQLite stores text; PostgreSQL timestamptz is parsed back to ISO in db/connect.ts).
 * Flags are 0/1 integers on both databases so that rows look the same everywhere.
 */
import type { Generated } from 'kysely';

export type Flag = 0 | 1;

export type UsersTable = {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: string; // JSON array of role names
  locale: string;
  disabled: Generated<number>;
  createdAt: string;
};

export type SessionsTable = {
  id: string;
  tokenHash: string;
  kind: string; // 'user' | 'customer'
  userId: string | null;
  customerId: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
};

export type CustomersTable = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tier: string;
  salesUserId: string | null;
  notes: string | null;
  createdAt: string;
};

export type SuppliersTable = {
  id: string;
  code: string;
  name: string;
  createdAt: string;
};

export type ProductsTable = {
  id: string;
  sku: string;
  name: string;
  category: string;
  price: number;
  returnable: number;
  barcode: string | null;
  supplierId: string | null;
  groupCode: string | null;
  variantLabel: string | null;
  tracking: string;
  createdAt: string;
};

export type WarehousesTable = {
  id: string;
  code: string;
  name: string;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: string;
};

export type LocationsTable = {
  id: string;
  code: string;
  name: string;
  kind: string; // sellable | returns | quarantine | damaged
  warehouseId: string;
  allowNegative: number;
  createdAt: string;
};

export type StockLevelsTable = {
  productId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  updatedAt: string;
};

export type StockMovementsTable = {
  id: string;
  productId: string;
  fromLocationId: string | null;
  toLocationId: string | null;
  quantity: number;
  type: string;
  sourceType: string;
  sourceId: string;
  lot: string | null;
  reason: string | null;
  actorKind: string;
  actorId: string | null;
  createdAt: string;
};

export type OrdersTable = {
  id: string;
  number: string;
  customerId: string;
  channel: string;
  currency: string;
  placedAt: string;
  deliveredAt: string | null;
  stockLocationId: string | null;
  discountAmount: number;
  shippingFee: number;
  goodsAmount: number;
  shippingRefundReturnId: string | null;
  createdAt: string;
};

export type OrderLinesTable = {
  id: string;
  orderId: string;
  lineNo: number;
  productId: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  discountAmount: number;
  paidAmount: number;
  valuedQuantity: number;
};

export type OrderPaymentsTable = {
  id: string;
  orderId: string;
  method: string;
  amount: number;
};

export type ReturnsTable = {
  id: string;
  number: string;
  orderId: string;
  customerId: string;
  type: string;
  resolution: string;
  channel: string;
  currency: string;
  status: string;
  stage: string;
  policyVersion: number;
  decision: string; // JSON
  returnless: number;
  refundOnReceipt: number;
  approvedAt: string | null;
  rejectedAt: string | null;
  rejectReason: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  shippedAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  replacementShippedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  shippingRefundAmount: number;
  refundableAmount: number;
  refundedAmount: number;
  createdByKind: string;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ReturnLinesTable = {
  id: string;
  returnId: string;
  lineNo: number;
  orderLineId: string;
  productId: string;
  sku: string;
  quantity: number;
  reasonCode: string;
  note: string | null;
  receivedQuantity: number;
  inspectedQuantity: number;
  acceptedQuantity: number;
  refusedQuantity: number;
  /** Accepted units already priced against the order line (done when money is claimed). */
  valuedQuantity: number;
  valueAmount: number;
  feeAmount: number;
};

export type ReturnInspectionsTable = {
  id: string;
  returnId: string;
  returnLineId: string;
  quantity: number;
  grade: string;
  disposition: string;
  actorKind: string;
  actorId: string | null;
  createdAt: string;
};

export type ReturnEventsTable = {
  id: string;
  returnId: string;
  action: string;
  status: string;
  note: string | null;
  data: string | null;
  actorKind: string;
  actorId: string | null;
  createdAt: string;
};

export type ReturnStagesTable = {
  id: string;
  returnId: string;
  stage: string;
  ownerRole: string;
  enteredAt: string;
  exitedAt: string | null;
  dueAt: string | null;
};

export type RefundsTable = {
  id: string;
  number: string;
  returnId: string;
  customerId: string;
  amount: number;
  currency: string;
  method: string;
  status: string;
  channel: string | null;
  reference: string | null;
  providerReference: string | null;
  requestedByKind: string;
  requestedById: string | null;
  approvedById: string | null;
  createdAt: string;
  paidAt: string | null;
};

export type RefundLinesTable = {
  id: string;
  refundId: string;
  returnLineId: string | null;
  kind: string; // goods | shipping
  amount: number;
};

export type StoreCreditEntriesTable = {
  id: string;
  customerId: string;
  amount: number;
  currency: string;
  type: string; // refund | bonus | spend | adjustment
  sourceType: string;
  sourceId: string;
  createdAt: string;
};

export type PolicyVersionsTable = {
  version: number;
  policy: string; // JSON
  createdByKind: string;
  createdById: string | null;
  createdAt: string;
};

export type ProcessVersionsTable = {
  version: number;
  definition: string; // JSON
  createdByKind: string;
  createdById: string | null;
  createdAt: string;
};

export type OutboxEventsTable = {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: string; // JSON
  createdAt: string;
  dispatchedAt: string | null;
};

export type WebhooksTable = {
  id: string;
  url: string;
  events: string; // JSON array
  secret: string;
  active: number;
  createdById: string | null;
  createdAt: string;
};

export type WebhookDeliveriesTable = {
  id: string;
  webhookId: string;
  eventId: string;
  status: string; // pending | delivered | failed
  attempts: number;
  nextAttemptAt: string;
  lockedUntil: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
};

export type IdempotencyKeysTable = {
  scope: string;
  key: string;
  requestHash: string;
  statusCode: number | null;
  responseBody: string | null;
  createdAt: string;
};

export type AuthFailuresTable = {
  id: string;
  bucket: string;
  createdAt: string;
};

export type SequencesTable = {
  name: string;
  value: number;
};

export type AuditLogTable = {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  data: string | null;
  actorKind: string;
  actorId: string | null;
  createdAt: string;
};

export type Database = {
  users: UsersTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  suppliers: SuppliersTable;
  products: ProductsTable;
  warehouses: WarehousesTable;
  locations: LocationsTable;
  stockLevels: StockLevelsTable;
  stockMovements: StockMovementsTable;
  orders: OrdersTable;
  orderLines: OrderLinesTable;
  orderPayments: OrderPaymentsTable;
  returns: ReturnsTable;
  returnLines: ReturnLinesTable;
  returnInspections: ReturnInspectionsTable;
  returnEvents: ReturnEventsTable;
  returnStages: ReturnStagesTable;
  refunds: RefundsTable;
  refundLines: RefundLinesTable;
  storeCreditEntries: StoreCreditEntriesTable;
  policyVersions: PolicyVersionsTable;
  processVersions: ProcessVersionsTable;
  outboxEvents: OutboxEventsTable;
  webhooks: WebhooksTable;
  webhookDeliveries: WebhookDeliveriesTable;
  idempotencyKeys: IdempotencyKeysTable;
  authFailures: AuthFailuresTable;
  sequences: SequencesTable;
  auditLog: AuditLogTable;
};
