/** Response schemas of the webhooks API (shared with the console). */
import { z } from 'zod';

export const WebhookView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
  failingSince: z.string().nullable().describe('Start of the current run of failed attempts'),
  disabledAt: z.string().nullable().describe('When the webhook was disabled after 3 days of failures'),
  disabledReason: z.string().nullable(),
});
export type WebhookView = z.infer<typeof WebhookView>;

export const WebhookDeliveryView = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
});
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;
