/**
 * The portal's API client: the customer's token is kept under its own key (never the
 * staff console's), and a 401 signs the customer out.
 */
import { ApiError, createApiClient, localTokenStore } from '../api/http.ts';
import type {
  Carrier,
  CustomerReturn,
  ExchangeOptions,
  Feedback,
  OrderView,
  Photo,
  PortalReturnBody,
  PortalReturnCreated,
  Preview,
  PublicPolicy,
  ReturnOptions,
  ReturnView,
  Session,
} from './portal-types.ts';

export const customerTokens = localTokenStore('rf.portal.token');
const customerIdStore = localTokenStore('rf.portal.customer');
const signedOutListeners = new Set<() => void>();

/** Calls back when the session ends (401 or sign-out). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** Forgets the customer's session on this device. */
export function signOut(): void {
  customerTokens.set(null);
  customerIdStore.set(null);
  for (const listener of signedOutListeners) listener();
}

/** Keeps a new session. */
export function keepSession(session: Pick<Session, 'token' | 'customerId'>): void {
  customerTokens.set(session.token);
  customerIdStore.set(session.customerId);
}

/** The signed-in customer's id, or null. */
export function currentCustomerId(): string | null {
  return customerTokens.get() ? customerIdStore.get() : null;
}

const api = createApiClient(customerTokens, () => {
  if (customerTokens.get()) signOut();
});

/** A fresh Idempotency-Key. */
export function newRequestKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const portalApi = {
  returnOptions: () => api.get<ReturnOptions>('public/return-options'),
  carriers: () => api.get<{ data: Carrier[] }>('public/carriers').then((r) => r.data),
  policy: () => api.get<PublicPolicy>('public/policy'),
  lookup: (orderNumber: string, contact: string) => api.post<Session & { order: OrderView }>('portal/sessions', { orderNumber, contact }),
  askSmsCode: (phone: string) => api.post<{ expiresInSeconds: number; resendAfterSeconds: number }>('portal/sms-codes', { phone }),
  smsSignIn: (phone: string, code: string) => api.post<Session>('portal/sms-sessions', { phone, code }),
  linkSession: (token: string) => api.post<Session & { returnId: string }>(`portal/progress/${encodeURIComponent(token)}/session`, {}),
  orders: () => api.get<{ data: OrderView[] }>('orders?limit=50').then((r) => r.data),
  order: (id: string) => api.get<OrderView>(`orders/${encodeURIComponent(id)}`),
  exchangeOptions: (orderId: string) => api.get<ExchangeOptions>(`portal/orders/${encodeURIComponent(orderId)}/exchange-options`),
  returns: (customerId: string) => api.get<{ data: ReturnView[] }>(`returns?limit=100&customerId=${encodeURIComponent(customerId)}`).then((r) => r.data),
  evaluate: (body: {
    orderId: string;
    type: 'return' | 'refund_only';
    resolution: string;
    lines?: { orderLineId: string; quantity: number; reasonCode: string }[];
  }) => api.post<Preview>('policy/evaluate', body),
  submit: (body: PortalReturnBody, key: string) => api.post<PortalReturnCreated>('portal/returns', body, key),
  customerReturn: (id: string) => api.get<CustomerReturn>(`portal/returns/${encodeURIComponent(id)}`),
  progress: (token: string) => api.get<CustomerReturn>(`portal/progress/${encodeURIComponent(token)}`),
  ship: (id: string, body: { carrier: string; carrierName?: string; trackingNumber: string }, key: string) =>
    api.post<ReturnView>(`portal/returns/${encodeURIComponent(id)}/ship`, body, key),
  cancel: (id: string) => api.post<ReturnView>(`returns/${encodeURIComponent(id)}/cancel`, {}),
  feedback: (id: string, rating: number, comment: string) =>
    api.post<Feedback>(`returns/${encodeURIComponent(id)}/feedback`, { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
  /** Uploads one photo (multipart); fetch directly since the JSON client does not send forms. */
  uploadPhoto: async (file: Blob, name: string): Promise<Photo> => {
    const form = new FormData();
    form.append('file', file, name);
    const token = customerTokens.get();
    const response = await fetch('/api/v1/photos', { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const data = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) throw new ApiError(response.status, data as never);
    return data as Photo;
  },
  /** A photo as a blob: URL (photos are served only with the customer's token). */
  photoUrl: async (url: string): Promise<string> => {
    const token = customerTokens.get();
    const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!response.ok) throw new ApiError(response.status, null);
    return URL.createObjectURL(await response.blob());
  },
};

export { ApiError };
