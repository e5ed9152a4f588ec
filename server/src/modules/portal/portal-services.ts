/**
 * The outside services the portal needs (the SMS vendor, file storage), chosen once per
 * app. main.ts knows nothing of them: the defaults come from the environment, and tests
 * (or an embedding app) swap them with `providePortalServices`.
 */
import { diskStorage, type Storage } from '../photos/storage.ts';
import { disabledSmsProvider, logSmsProvider, type SmsLog, type SmsProvider } from './sms-provider.ts';

export type PortalServices = { sms: SmsProvider; storage: Storage };

const chosen = new WeakMap<object, PortalServices>();

export type PortalDefaultsOptions = { demo: boolean; log: SmsLog; env?: NodeJS.ProcessEnv };

/**
 * The defaults: files under RETURNFLOW_UPLOAD_DIR (./data/uploads); SMS through
 * RETURNFLOW_SMS_PROVIDER — `log` (the mock vendor that writes codes to the server log,
 * the default in demo mode) or `disabled` (the default otherwise, until a real vendor
 * is configured).
 */
export function defaultPortalServices(o: PortalDefaultsOptions): PortalServices {
  const env = o.env ?? process.env;
  const smsChoice = env.RETURNFLOW_SMS_PROVIDER ?? (o.demo ? 'log' : 'disabled');
  return {
    sms: smsChoice === 'log' ? logSmsProvider(o.log) : disabledSmsProvider,
    storage: diskStorage(env.RETURNFLOW_UPLOAD_DIR ?? './data/uploads'),
  };
}

/** Replaces some of an app's portal services (tests, embedding). */
export function providePortalServices(owner: object, services: Partial<PortalServices>, fallback?: () => PortalServices): void {
  const current = chosen.get(owner) ?? fallback?.();
  chosen.set(owner, { ...(current as PortalServices), ...services });
}

/** The services of an app, created from the defaults on first use. */
export function portalServicesOf(owner: object, defaults: () => PortalServices): PortalServices {
  let services = chosen.get(owner);
  if (!services) {
    services = defaults();
    chosen.set(owner, services);
  }
  return services;
}
