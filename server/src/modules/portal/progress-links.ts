/**
 * Signed, expiring progress links: `<returnId>.<expiry in base-36 seconds>.<HMAC>`. A
 * link opens one return's progress page without signing in; the key lives in the
 * database (portal_settings), so links survive restarts and work on every app server.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { serverSecret } from './portal-settings.repository.ts';

export const progressLinkTtlMs = 30 * 24 * 60 * 60 * 1000;
const secretKey = 'progress_link_secret';

export type ProgressLink = { token: string; returnId: string; expiresAt: string };

function signature(secret: string, returnId: string, expiry: string): string {
  return createHmac('sha256', secret).update(`progress.${returnId}.${expiry}`).digest('base64url');
}

/** Signs a token for a return, valid until `expiresAt`. */
export function signProgressToken(secret: string, returnId: string, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${returnId}.${expiry}.${signature(secret, returnId, expiry)}`;
}

/** The return a token opens, or null when the token is malformed, forged or expired. */
export function verifyProgressToken(secret: string, token: string, now: Date): { returnId: string; expiresAt: string } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [returnId, expiry, given] = parts as [string, string, string];
  if (!/^[a-z]+_[0-9a-f]{8,40}$/.test(returnId) || !/^[0-9a-z]{1,10}$/.test(expiry)) return null;
  const expected = Buffer.from(signature(secret, returnId, expiry));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return null;
  return { returnId, expiresAt: expiresAt.toISOString() };
}

/** A fresh progress link for a return. */
export async function issueProgressLink(db: Db, returnId: string, now: Date): Promise<ProgressLink> {
  const secret = await serverSecret(db, secretKey, now);
  const expiresAt = new Date(now.getTime() + progressLinkTtlMs);
  return { token: signProgressToken(secret, returnId, expiresAt), returnId, expiresAt: expiresAt.toISOString() };
}

/** Checks a progress token against the database's key. */
export async function readProgressToken(db: Db, token: string, now: Date): Promise<{ returnId: string; expiresAt: string } | null> {
  if (token.length > 200) return null;
  return verifyProgressToken(await serverSecret(db, secretKey, now), token, now);
}

/** The page a customer opens from a notice: `<publicUrl>/portal/p/<token>`. */
export function progressPageUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/portal/p/${token}`;
}
