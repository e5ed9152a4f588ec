/**
 * Signing in to the portal with a mobile number and a one-time SMS code. Asking for a
 * code answers the same whether or not the number belongs to a customer; codes are
 * stored as HMACs, expire, allow a few guesses, and both asking and guessing are
 * rate-limited.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { AppError, invalidField } from '../../lib/app-error.ts';
import { portalSessionTtlMs } from '../auth/portal.service.ts';
import { countRecentFailures, maxFailures, recordFailure } from '../auth/rate-limit.repository.ts';
import { createSession } from '../auth/sessions.repository.ts';
import { normalizePhone } from '../customers/customers.repository.ts';
import { serverSecret } from './portal-settings.repository.ts';
import { consumeSmsCode, countSmsAttempt, findCustomerIdByPhone, findLiveSmsCode, insertSmsCode, smsCodeCounts } from './sms-codes.repository.ts';
import type { SmsProvider } from './sms-provider.ts';

export const smsCodeTtlMs = 5 * 60 * 1000;
export const smsResendAfterMs = 60 * 1000;
export const smsMaxPerPhonePerHour = 5;
export const smsMaxPerClientPerHour = 20;
export const smsMaxAttempts = 5;

/** A mainland China mobile number as 11 digits, or a 400 naming the field. */
export function mobileNumber(phone: string): string {
  const digits = normalizePhone(phone);
  if (!/^1[3-9]\d{9}$/.test(digits)) throw invalidField('phone', 'Enter an 11-digit mainland China mobile number');
  return digits;
}

async function codeHash(db: Db, phone: string, code: string, now: Date): Promise<string> {
  const secret = await serverSecret(db, 'sms_code_secret', now);
  return createHmac('sha256', secret).update(`${phone}:${code}`).digest('hex');
}

export type RequestSmsCodeOptions = { phone: string; clientKey: string; now: Date; sms: SmsProvider };

/** Sends a sign-in code to a mobile number (only if a customer has it); 429 when asked too often. */
export async function requestSmsCode(db: Db, o: RequestSmsCodeOptions): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
  if (!o.sms.enabled) throw new AppError('forbidden', 'SMS sign-in is not available; look up your order by its number instead');
  const phone = mobileNumber(o.phone);
  const counts = await smsCodeCounts(db, { phone, clientKey: o.clientKey, since: new Date(o.now.getTime() - 3_600_000) });
  const waitMs = counts.lastAt ? Date.parse(counts.lastAt) + smsResendAfterMs - o.now.getTime() : 0;
  if (waitMs > 0) {
    throw new AppError('rate_limited', `Wait ${Math.ceil(waitMs / 1000)} s before asking for another code`, { retryAfterSeconds: Math.ceil(waitMs / 1000) });
  }
  if (counts.phone >= smsMaxPerPhonePerHour || counts.client >= smsMaxPerClientPerHour) {
    throw new AppError('rate_limited', 'Too many codes asked for; try again in an hour', { retryAfterSeconds: 3600 });
  }
  const customerId = (await findCustomerIdByPhone(db, phone)) ?? null;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await insertSmsCode(db, {
    phone,
    customerId,
    codeHash: await codeHash(db, phone, code, o.now),
    clientKey: o.clientKey,
    now: o.now,
    expiresAt: new Date(o.now.getTime() + smsCodeTtlMs),
  });
  // Only real customers get a message; to the caller the answer is the same either way.
  if (customerId) {
    await o.sms.send({
      phone,
      purpose: 'sign_in',
      code,
      text: `【退货通】您的登录验证码是${code}，${smsCodeTtlMs / 60_000}分钟内有效。如非本人操作，请忽略本短信。`,
    });
  }
  return { expiresInSeconds: smsCodeTtlMs / 1000, resendAfterSeconds: smsResendAfterMs / 1000 };
}

export type VerifySmsCodeOptions = { phone: string; code: string; clientKey: string; now: Date };

/** Exchanges a correct code for a portal session of the number's customer; 401 otherwise. */
export async function openSmsSession(db: Db, o: VerifySmsCodeOptions): Promise<{ token: string; expiresAt: string; customerId: string }> {
  const phone = mobileNumber(o.phone);
  const fail = async (): Promise<never> => {
    const bucket = `portal:${o.clientKey}`;
    const previous = await countRecentFailures(db, bucket, o.now);
    await recordFailure(db, bucket, o.now);
    if (previous >= maxFailures) throw new AppError('rate_limited', 'Too many failed attempts; try again in 15 minutes');
    throw new AppError('unauthenticated', 'The code is wrong or has expired');
  };
  const row = await findLiveSmsCode(db, phone, o.now);
  if (!row || row.attempts >= smsMaxAttempts || !/^\d{6}$/.test(o.code)) {
    if (row && row.attempts < smsMaxAttempts) await countSmsAttempt(db, row.id);
    return fail();
  }
  const expected = Buffer.from(row.codeHash, 'hex');
  const actual = Buffer.from(await codeHash(db, phone, o.code, o.now), 'hex');
  if (!timingSafeEqual(expected, actual) || !row.customerId) {
    await countSmsAttempt(db, row.id);
    return fail();
  }
  if (!(await consumeSmsCode(db, row.id, o.now))) return fail();
  const session = await createSession(db, { kind: 'customer', customerId: row.customerId, now: o.now, ttlMs: portalSessionTtlMs });
  return { ...session, customerId: row.customerId };
}
