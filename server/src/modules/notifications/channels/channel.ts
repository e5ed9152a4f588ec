/**
 * The shape every channel adapter has. Outside vendors (SMS gateways, WeChat, the group
 * robots, an SMTP server) sit behind it; tests point them at local fakes.
 */

export type SendResult =
  | { ok: true; providerMessageId: string | null; statusCode: number | null }
  | { ok: false; permanent: boolean; error: string; statusCode: number | null };

/** One message to one recipient, or one digest to one robot. */
export type OutgoingMessage = {
  /** The notice ids in the message (several for a robot's digest). */
  noticeIds: string[];
  recipient: string;
  eventType: string;
  locale: string;
  subject: string;
  short: string;
  body: string;
  link: string | null;
  /** Per-notice extras: vendor template params, an unsubscribe link, digest lines. */
  data: Record<string, unknown>;
};

export type ChannelAdapter = {
  provider: string;
  send(message: OutgoingMessage): Promise<SendResult>;
};

export type HttpAnswer = { status: number; text: string; json: unknown };

/** Sends a request with a time limit and reads the answer as text (and JSON when it parses). */
export async function httpRequest(url: string, init: RequestInit & { timeoutMs?: number }): Promise<HttpAnswer> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000), redirect: 'manual' });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, text, json };
}

/** A failure to reach the vendor at all (network, timeout): worth retrying. */
export function unreachable(error: unknown): SendResult {
  return { ok: false, permanent: false, error: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300), statusCode: null };
}
