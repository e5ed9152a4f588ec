/** The warehouse's queries and actions over the API (returns zone, dock, stock documents, warehouses, suppliers), typed from the server's zod schemas. */
import type { ReturnsZoneView } from '@server/modules/inventory/returns-zone.schema.ts';
import type {
  AdjustmentDocumentBody,
  ImportRowError,
  StockDocumentSummary,
  StockDocumentView,
  TransferCreateBody,
} from '@server/modules/inventory/stock-documents.schema.ts';
import type { ParcelRegisterBody, ParcelReleaseBody, ParcelView } from '@server/modules/parcels/parcels.schema.ts';
import type {
  SupplierCreateBody,
  SupplierUpdateBody,
  SupplierView,
  VendorReturnCreateBody,
  VendorReturnView,
} from '@server/modules/suppliers/suppliers.schema.ts';
import type {
  DispositionMappingBody,
  DispositionMappingView,
  LocationCreateBody,
  LocationUpdateBody,
  ProductStockSettingsBody,
  ProductStockSettingsView,
  ReasonCodeCreateBody,
  ReasonCodeUpdateBody,
  ReasonCodeView,
  WarehouseCreateBody,
  WarehouseLocationView,
  WarehouseUpdateBody,
  WarehouseView,
} from '@server/modules/warehouses/warehouses.schema.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { query } from '../../../api/http.ts';
import type { Page } from '../../../api/types.ts';
import { api, idempotencyKey } from '../../api/client.ts';
import { liveInterval } from '../../api/queries.ts';

export type {
  AdjustmentDocumentBody,
  DispositionMappingView,
  ImportRowError,
  ParcelRegisterBody,
  ParcelView,
  ProductStockSettingsView,
  ReasonCodeView,
  ReturnsZoneView,
  StockDocumentSummary,
  StockDocumentView,
  SupplierView,
  TransferCreateBody,
  VendorReturnView,
  WarehouseLocationView,
  WarehouseView,
};
export type ReturnsZoneEntry = ReturnsZoneView['data'][number];
export type ParcelLine = ParcelView['lines'][number];
export type CodeLookup = { product: ProductStockSettingsView; levels: { location: string; warehouseCode: string; onHand: number }[] };
export type StockLevel = { sku: string; productName: string; location: string; locationKind: string; onHand: number; reserved: number };

/** Everything this page family caches lives under this key, so one invalidation refreshes it. */
const root = 'warehouse';

function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: [root] });
    void client.invalidateQueries({ queryKey: ['stock'] });
    void client.invalidateQueries({ queryKey: ['returns'] });
    void client.invalidateQueries({ queryKey: ['queues'] });
  };
}

export function useWarehouses() {
  return useQuery({ queryKey: [root, 'warehouses'], queryFn: ({ signal }) => api.get<{ data: WarehouseView[] }>('warehouses', signal), staleTime: 30_000 });
}

/** Every location of every warehouse, in one list. */
export function useAllLocations(): WarehouseLocationView[] {
  return (useWarehouses().data?.data ?? []).flatMap((w) => w.locations);
}

export function useReturnsZone(params: { warehouse?: string | undefined; overdue?: 'true' | undefined }) {
  return useQuery({
    queryKey: [root, 'zone', params],
    queryFn: ({ signal }) => api.get<ReturnsZoneView>(`inventory/returns-zone${query({ ...params, limit: 200 })}`, signal),
    refetchInterval: liveInterval,
    placeholderData: keepPreviousData,
  });
}

export function useParcels(params: { status?: string | undefined; q?: string | undefined }) {
  return useQuery({
    queryKey: [root, 'parcels', params],
    queryFn: ({ signal }) => api.get<Page<ParcelView>>(`parcels${query({ ...params, limit: 200 })}`, signal),
    refetchInterval: liveInterval,
    placeholderData: keepPreviousData,
  });
}

/** The product a scanned barcode or typed SKU names, with its stock per location (404 when none). */
export function lookupCode(code: string): Promise<CodeLookup> {
  return api.get<CodeLookup>(`inventory/lookup${query({ code })}`);
}

export function useLevels(params: { location?: string | undefined; sku?: string | undefined }, enabled = true) {
  return useQuery({
    queryKey: [root, 'levels', params],
    queryFn: ({ signal }) => api.get<{ data: StockLevel[] }>(`inventory/levels${query(params)}`, signal),
    enabled,
  });
}

export function useRegisterParcel() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: ParcelRegisterBody) => api.post<ParcelView>('parcels', body, idempotencyKey()), onSuccess: refresh });
}

export function useMatchParcel() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { id: string; returnId?: string; orderId?: string; note?: string }) =>
      api.post<ParcelView>(`parcels/${o.id}/match`, { returnId: o.returnId, orderId: o.orderId, note: o.note }),
    onSuccess: refresh,
  });
}

export function useReleaseParcel() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { id: string; body: ParcelReleaseBody }) => api.post<ParcelView>(`parcels/${o.id}/release`, o.body),
    onSuccess: refresh,
  });
}

export function useStockDocuments(kind: string | undefined) {
  return useQuery({
    queryKey: [root, 'documents', kind],
    queryFn: ({ signal }) => api.get<Page<StockDocumentSummary>>(`inventory/documents${query({ kind, limit: 100 })}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStockDocument(id: string | null) {
  return useQuery({
    queryKey: [root, 'document', id],
    queryFn: ({ signal }) => api.get<StockDocumentView>(`inventory/documents/${id}`, signal),
    enabled: id !== null,
  });
}

export function useTransfer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: TransferCreateBody) => api.post<StockDocumentView>('inventory/transfers', body, idempotencyKey()),
    onSuccess: refresh,
  });
}

export function useAdjustmentDocument() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: AdjustmentDocumentBody) => api.post<StockDocumentView>('inventory/adjustment-documents', body, idempotencyKey()),
    onSuccess: refresh,
  });
}

export function useReasonCodes(includeRetired = false) {
  return useQuery({
    queryKey: [root, 'reason-codes', includeRetired],
    queryFn: ({ signal }) =>
      api.get<{ data: ReasonCodeView[] }>(`inventory/reason-codes${query({ includeRetired: includeRetired ? 'true' : undefined })}`, signal),
    staleTime: 30_000,
  });
}

export function useSaveReasonCode() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { code?: string; create?: ReasonCodeCreateBody; update?: ReasonCodeUpdateBody }) =>
      o.code ? api.patch<ReasonCodeView>(`inventory/reason-codes/${o.code}`, o.update ?? {}) : api.post<ReasonCodeView>('inventory/reason-codes', o.create),
    onSuccess: refresh,
  });
}

export function useSaveWarehouse() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { id?: string; create?: WarehouseCreateBody; update?: WarehouseUpdateBody }) =>
      o.id ? api.patch<WarehouseView>(`warehouses/${o.id}`, o.update ?? {}) : api.post<WarehouseView>('warehouses', o.create),
    onSuccess: refresh,
  });
}

export function useDeleteWarehouse() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.del(`warehouses/${id}`), onSuccess: refresh });
}

export function useSaveLocation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { id?: string; create?: LocationCreateBody; update?: LocationUpdateBody }) =>
      o.id ? api.patch<WarehouseLocationView>(`locations/${o.id}`, o.update ?? {}) : api.post<WarehouseLocationView>('locations', o.create),
    onSuccess: refresh,
  });
}

export function useDeleteLocation() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.del(`locations/${id}`), onSuccess: refresh });
}

export function useDispositions(warehouseId: string) {
  return useQuery({
    queryKey: [root, 'dispositions', warehouseId],
    queryFn: ({ signal }) => api.get<{ data: DispositionMappingView[] }>(`warehouses/${warehouseId}/dispositions`, signal),
  });
}

export function useSaveDispositions(warehouseId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DispositionMappingBody) => api.put<{ data: DispositionMappingView[] }>(`warehouses/${warehouseId}/dispositions`, body),
    onSuccess: refresh,
  });
}

export function useSaveStockSettings() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { productId: string; body: ProductStockSettingsBody }) =>
      api.patch<ProductStockSettingsView>(`products/${o.productId}/stock-settings`, o.body),
    onSuccess: refresh,
  });
}

export function useSuppliers() {
  return useQuery({
    queryKey: [root, 'suppliers'],
    queryFn: ({ signal }) => api.get<Page<SupplierView>>('suppliers?limit=200', signal),
    staleTime: 10_000,
  });
}

export function useSaveSupplier() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { id?: string; create?: SupplierCreateBody; update?: SupplierUpdateBody }) =>
      o.id ? api.patch<SupplierView>(`suppliers/${o.id}`, o.update ?? {}) : api.post<SupplierView>('suppliers', o.create),
    onSuccess: refresh,
  });
}

export function useDeleteSupplier() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.del(`suppliers/${id}`), onSuccess: refresh });
}

export function useVendorReturns(status: string | undefined) {
  return useQuery({
    queryKey: [root, 'vendor-returns', status],
    queryFn: ({ signal }) => api.get<Page<VendorReturnView>>(`vendor-returns${query({ status, limit: 100 })}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: liveInterval * 2,
  });
}

export function useCreateVendorReturn() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: VendorReturnCreateBody) => api.post<VendorReturnView>('vendor-returns', body, idempotencyKey()),
    onSuccess: refresh,
  });
}

export function useRecordCredit() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { id: string; amount: number; reference?: string }) =>
      api.post<VendorReturnView>(`vendor-returns/${o.id}/credit`, { amount: o.amount, reference: o.reference }),
    onSuccess: refresh,
  });
}

/** Invalidates everything the warehouse pages show (after an Excel import, say). */
export function useRefreshWarehouse() {
  return useRefresh();
}
