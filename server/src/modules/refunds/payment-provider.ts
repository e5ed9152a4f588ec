/**
 * Paying money back to the original payment goes through a provider. The default
 * provider pays nothing itself: finance pays in the bank / Alipay / WeChat Pay back
 * office and records the transaction number here. Gateway adapters implement the same
 * type (and are the only code that would be mocked in tests: they are outside the product).
 */

export type ProviderRefundRequest = {
  refundId: string;
  refundNumber: string;
  orderNumber: string;
  paymentMethod: string;
  amount: number;
  currency: string;
  reference: string | null;
};

export type ProviderRefundResult = { status: 'paid'; providerReference: string | null };

export type PaymentProvider = {
  name: string;
  /** Pays a refund back to the original payment; throws on a gateway failure. */
  refund(request: ProviderRefundRequest): Promise<ProviderRefundResult>;
};

export type PaymentProviders = { forMethod(paymentMethod: string): PaymentProvider };

/** Records finance's manual reference (bank slip, Alipay / WeChat Pay transaction number). */
export const manualReferenceProvider: PaymentProvider = {
  name: 'manual',
  async refund(request) {
    return { status: 'paid', providerReference: request.reference };
  },
};

/** Every payment method refunded through one provider. */
export function singleProvider(provider: PaymentProvider): PaymentProviders {
  return { forMethod: () => provider };
}
