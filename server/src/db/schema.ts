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
  /** WeChat Official Account openid, for template messages (0005). */
  wechatOpenid: string | null;
  /** 1: only essential notices (0005). */
  noticesOptOut: Generated<number>;
  /** Language of the customer's notices; null: zh-CN (0005). */
  noticeLocale: string | null;
};

export type SuppliersTable = {
  id: string;
  code: string;
  name: string;
  contactName: string | null; // 0004
  contactPhone: string | null;
  email: string | null;
  address: string | null;
  note: string | null;
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

// 0004: warehouses, parcels at the dock, stocktaking, returns to vendor.
export type DispositionLocationsTable = { warehouseId: string; disposition: string; locationId: string; updatedById: string | null; updatedAt: string };

export type StockReasonCodesTable = { code: string; name: string; nameEn: string | null; direction: string; active: Generated<number>; createdAt: string };

export type StockDocumentsTable = {
  id: string;
  number: string;
  kind: string; // transfer | adjustment | opening_stock
  reasonCode: string | null;
  note: string | null;
  actorKind: string;
  actorId: string | null;
  createdAt: string;
};

export type DockParcelsTable = {
  id: string;
  number: string;
  kind: string; // refused | unidentified
  locationId: string;
  carrier: string | null;
  trackingNumber: string | null;
  note: string | null;
  photoIds: string; // JSON array
  status: string; // unmatched | matched | closed
  matchedOrderId: string | null;
  matchedReturnId: string | null;
  matchedAt: string | null;
  matchedById: string | null;
  createdByKind: string;
  createdById: string | null;
  createdAt: string;
};

export type DockParcelLinesTable = {
  id: string;
  parcelId: string;
  lineNo: number;
  productId: string;
  sku: string;
  quantity: number;
  lot: string | null;
  matchedQuantity: Generated<number>;
  releasedQuantity: Generated<number>;
};

export type StockCountPlansTable = {
  id: string;
  name: string;
  warehouseId: string;
  locationIds: string; // JSON array; empty: every location of the warehouse
  categories: string; // JSON array; empty: every category
  schedule: string; // once | monthly | quarterly
  anchorDate: string; // YYYY-MM-DD of the first run
  nextRunOn: string | null;
  lastRunAt: string | null;
  lastCountId: string | null;
  active: Generated<number>;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
};

export type StockCountsTable = {
  id: string;
  number: string;
  planId: string | null;
  warehouseId: string;
  locationIds: string; // JSON array
  categories: string; // JSON array
  status: string; // counting | submitted | posted | cancelled
  note: string | null;
  snapshotAt: string;
  createdByKind: string;
  createdById: string | null;
  submittedAt: string | null;
  submittedById: string | null;
  approvedAt: string | null;
  approvedById: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type StockCountLinesTable = {
  id: string;
  countId: string;
  productId: string;
  sku: string;
  locationId: string;
  expectedQuantity: number;
  unitPrice: number;
  countedQuantity: number | null;
  countedById: string | null;
  countedAt: string | null;
  added: Generated<number>;
};

export type StockCountEntriesTable = {
  id: string;
  countId: string;
  lineId: string;
  mode: string; // set | add
  quantity: number;
  source: string; // api | excel
  actorKind: string;
  actorId: string | null;
  createdAt: string;
};

export type VendorReturnsTable = {
  id: string;
  number: string;
  supplierId: string;
  fromLocationId: string;
  status: string; // shipped | credited
  currency: string;
  expectedCredit: number;
  receivedCredit: number | null;
  creditReference: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  note: string | null;
  createdByKind: string;
  createdById: string | null;
  createdAt: string;
  creditedAt: string | null;
};

export type VendorReturnLinesTable = {
  id: string;
  vendorReturnId: string;
  lineNo: number;
  productId: string;
  sku: string;
  quantity: number;
  unitCredit: number;
  amount: number;
  lot: string | null;
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
  /** A person the stage was assigned to (0008). */
  assignedUserId: string | null;
  /** When the overdue stage was escalated (0008). */
  escalatedAt: string | null;
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
  /** refund | exchange_difference (0007). */
  kind: Generated<string>;
  /** The law's deadline: 7 days from receipt of the goods (0007). */
  dueAt: string | null;
  approvedAt: string | null;
  rejectedAt: string | null;
  rejectedById: string | null;
  rejectReason: string | null;
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
  /** When the notices of the event were fanned out (0005). */
  noticedAt: string | null;
};

export type WebhooksTable = {
  id: string;
  url: string;
  events: string; // JSON array
  secret: string;
  active: number;
  createdById: string | null;
  createdAt: string;
  /** Start of the current run of failed attempts; null after a success (0005). */
  failingSince: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
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

export type PortalSettingsTable = {
  key: string;
  value: string;
  createdAt: string;
};

export type SmsCodesTable = {
  id: string;
  phone: string;
  customerId: string | null;
  codeHash: string;
  clientKey: string;
  attempts: number;
  createdAt: string;
  expiresAt: string;
  consumedAt: string | null;
};

export type ReturnPhotosTable = {
  id: string;
  customerId: string;
  returnId: string | null;
  returnLineId: string | null;
  storageKey: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByKind: string;
  uploadedById: string | null;
  createdAt: string;
  attachedAt: string | null;
};

export type ReturnFeedbackTable = {
  id: string;
  returnId: string;
  customerId: string;
  rating: number;
  comment: string | null;
  createdAt: string;
};

// Notices, API keys, scheduled jobs, tracking (0005-notifications).

export type NotificationSettingsTable = {
  key: string;
  value: string; // JSON
  updatedById: string | null;
  updatedAt: string;
};

export type NotificationTemplatesTable = {
  audience: string; // customer | staff
  event: string;
  locale: string;
  subject: string;
  short: string;
  body: string;
  essential: number;
  updatedById: string | null;
  updatedAt: string;
};

export type NotificationRobotsTable = {
  id: string;
  name: string;
  kind: string; // wecom | dingtalk
  webhookUrl: string;
  secret: string | null;
  events: string; // JSON array
  locale: string;
  digestSeconds: number;
  active: number;
  createdAt: string;
};

export type NoticesTable = {
  id: string;
  eventKey: string;
  eventType: string;
  returnId: string | null;
  customerId: string | null;
  audience: string; // customer | staff
  channel: string; // sms | email | wechat_mp | in_app | wecom_robot | dingtalk_robot
  recipient: string;
  locale: string;
  subject: string;
  short: string;
  body: string;
  link: string | null;
  data: string | null; // JSON
  essential: number;
  status: string; // pending | sent | failed
  attempts: number;
  nextAttemptAt: string;
  lockedUntil: string | null;
  lastError: string | null;
  providerMessageId: string | null;
  resendCount: number;
  sentAt: string | null;
  createdAt: string;
};

export type NoticeAttemptsTable = {
  id: string;
  noticeId: string;
  attemptNo: number;
  batchId: string;
  channel: string;
  provider: string;
  outcome: string; // sending | sent | failed
  statusCode: number | null;
  error: string | null;
  providerMessageId: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export type NoticeReadsTable = {
  noticeId: string;
  userId: string;
  readAt: string;
};

export type ApiKeysTable = {
  id: string;
  name: string;
  prefix: string;
  keyHash: string;
  roles: string; // JSON array
  createdById: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type ScheduledJobsTable = {
  name: string;
  intervalSeconds: number;
  nextRunAt: string;
  lockedUntil: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastResult: string | null;
  lastError: string | null;
};

export type ReturnTrackingTable = {
  returnId: string;
  provider: string;
  carrierCode: string | null;
  trackingNumber: string;
  state: string;
  lastContext: string | null;
  lastEventAt: string | null;
  pickedUpAt: string | null;
  arrivedAt: string | null;
  updatedAt: string;
};

// Imports (0006-imports).

export type ImportBatchesTable = {
  id: string;
  kind: string;
  platform: string | null;
  fileName: string;
  status: string; // previewed | committed
  locale: string;
  rowCount: number;
  errorCount: number;
  records: string; // JSON
  errors: string; // JSON
  summary: string | null; // JSON
  createdByKind: string;
  createdById: string | null;
  createdAt: string;
  committedAt: string | null;
};

export type ImportDocumentsTable = {
  kind: string;
  documentNumber: string;
  entityId: string | null;
  batchId: string;
  createdAt: string;
};

// Money (0007-money).

export type ReturnLineGradesTable = {
  returnLineId: string;
  grade: string; // A | B | C | D
  returnId: string;
  acceptedQuantity: number;
  valuedQuantity: number;
  valueAmount: number;
};

export type RefundNotesTable = {
  id: string;
  number: string;
  refundId: string;
  returnId: string;
  orderId: string;
  customerId: string;
  originalInvoiceNumber: string | null;
  redConfirmationNumber: string | null;
  redInvoiceNumber: string | null;
  invoiceNote: string | null;
  updatedById: string | null;
  updatedAt: string | null;
  createdAt: string;
};

export type ExchangesTable = {
  returnId: string;
  status: string; // open | shipped | fallen_back
  locationId: string | null;
  replacementOrderId: string | null;
  returnedValue: number | null;
  replacementValue: number | null;
  differenceRefundId: string | null;
  differenceMethod: string | null;
  chargeMethod: string | null;
  chargeReference: string | null;
  fallbackResolution: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ExchangeLinesTable = {
  id: string;
  returnId: string;
  returnLineId: string | null;
  lineNo: number;
  productId: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  reservedQuantity: number;
  status: string; // chosen | reserved | untracked | short | shipped | released
};

export type FinanceClosesTable = {
  date: string; // YYYY-MM-DD in the shop's time zone
  timeZone: string;
  totals: string; // JSON
  flagged: string; // JSON
  closedByKind: string;
  closedById: string | null;
  closedAt: string;
};

// Analytics (0009-analytics): daily facts in the shop's time zone, and the queue of what changed.

type Measures<K extends string> = { [M in K]: number };

/** One row per change's transaction on PostgreSQL (`txid`, migration 0012); 0 on SQLite. */
export type AnalyticsQueueTable = { kind: string; key: string; txid: Generated<string | number> };

export type AnalyticsStateTable = {
  id: string;
  timeZone: string | null;
  status: string; // empty | rebuilding | ready
  rebuildNext: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  refreshedAt: string | null;
  rebuiltAt: string | null;
};

export type AnalyticsSalesDailyTable = { day: string; productId: string; channel: string; warehouseId: string } & Measures<'units' | 'value' | 'lines'>;
export type AnalyticsSalesMonthlyTable = { month: string; productId: string; channel: string; warehouseId: string } & Measures<'units' | 'value' | 'lines'>;
export type AnalyticsSalesTotalsTable = { day: string; channel: string; warehouseId: string } & Measures<'units' | 'value' | 'lines' | 'orders'>;
export type AnalyticsReturnDailyTable = { day: string; productId: string; channel: string; reasonCode: string; warehouseId: string } & Measures<
  | 'returns'
  | 'lines'
  | 'requestedUnits'
  | 'returnedUnits'
  | 'returnedValue'
  | 'rejectedUnits'
  | 'cancelledUnits'
  | 'receivedUnits'
  | 'acceptedUnits'
  | 'refusedUnits'
  | 'restockedUnits'
  | 'restockedValue'
  | 'damagedUnits'
  | 'damagedValue'
  | 'scrappedUnits'
  | 'scrappedValue'
  | 'vendorUnits'
  | 'vendorValue'
  | 'refundedAmount'
  | 'storeCreditAmount'
  | 'feeAmount'
>;
export type AnalyticsCustomerDailyTable = { customerId: string; day: string } & Measures<
  'soldUnits' | 'soldValue' | 'orders' | 'returnedUnits' | 'returnedValue' | 'returns' | 'refundedAmount'
>;
export type AnalyticsStageDailyTable = { day: string; stage: string; ownerRole: string; bucket: number } & Measures<'count' | 'seconds'>;

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
  dispositionLocations: DispositionLocationsTable;
  stockReasonCodes: StockReasonCodesTable;
  stockDocuments: StockDocumentsTable;
  dockParcels: DockParcelsTable;
  dockParcelLines: DockParcelLinesTable;
  stockCountPlans: StockCountPlansTable;
  stockCounts: StockCountsTable;
  stockCountLines: StockCountLinesTable;
  stockCountEntries: StockCountEntriesTable;
  vendorReturns: VendorReturnsTable;
  vendorReturnLines: VendorReturnLinesTable;
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
  portalSettings: PortalSettingsTable;
  smsCodes: SmsCodesTable;
  returnPhotos: ReturnPhotosTable;
  returnFeedback: ReturnFeedbackTable;
  notificationSettings: NotificationSettingsTable;
  notificationTemplates: NotificationTemplatesTable;
  notificationRobots: NotificationRobotsTable;
  notices: NoticesTable;
  noticeAttempts: NoticeAttemptsTable;
  noticeReads: NoticeReadsTable;
  apiKeys: ApiKeysTable;
  scheduledJobs: ScheduledJobsTable;
  returnTracking: ReturnTrackingTable;
  importBatches: ImportBatchesTable;
  importDocuments: ImportDocumentsTable;
  returnLineGrades: ReturnLineGradesTable;
  refundNotes: RefundNotesTable;
  exchanges: ExchangesTable;
  exchangeLines: ExchangeLinesTable;
  financeCloses: FinanceClosesTable;
  analyticsQueue: AnalyticsQueueTable;
  analyticsState: AnalyticsStateTable;
  analyticsSalesDaily: AnalyticsSalesDailyTable;
  analyticsSalesMonthly: AnalyticsSalesMonthlyTable;
  analyticsSalesTotals: AnalyticsSalesTotalsTable;
  analyticsReturnDaily: AnalyticsReturnDailyTable;
  analyticsCustomerDaily: AnalyticsCustomerDailyTable;
  analyticsStageDaily: AnalyticsStageDailyTable;
};
