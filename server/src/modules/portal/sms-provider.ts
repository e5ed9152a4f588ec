/**
 * Sending text messages (短信). The SMS vendor (Aliyun SMS, Tencent Cloud SMS, …) is an
 * outside service behind this interface. The default `logSmsProvider` is a MOCK of
 * that vendor for demo and development: it writes the message, code included, to the
 * server log instead of sending it.
 */

export type SmsMessage = { phone: string; text: string; purpose: 'sign_in'; code: string };

export type SmsProvider = {
  name: string;
  /** Whether messages really reach a phone or a log (false: SMS sign-in is switched off). */
  enabled: boolean;
  send(message: SmsMessage): Promise<void>;
};

export type SmsLog = { info(object: object, message: string): void };

/** The mock vendor: logs each message (with its code) to the server log. */
export function logSmsProvider(log: SmsLog): SmsProvider {
  return {
    name: 'log',
    enabled: true,
    async send(message) {
      log.info({ sms: { phone: message.phone, purpose: message.purpose, code: message.code } }, `SMS (mock provider, not sent): ${message.text}`);
    },
  };
}

/** No SMS vendor configured: SMS sign-in is off and the portal hides it. */
export const disabledSmsProvider: SmsProvider = {
  name: 'disabled',
  enabled: false,
  async send() {
    throw new Error('No SMS provider is configured');
  },
};
