/** Response schemas of the logistics API: carrier tracking and scheduled jobs (shared with the console). */
import { z } from 'zod';

export const TrackingView = z.object({
  returnId: z.string(),
  provider: z.string(),
  carrierCode: z.string().nullable(),
  trackingNumber: z.string(),
  state: z.string(),
  lastContext: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  pickedUpAt: z.string().nullable(),
  arrivedAt: z.string().nullable().describe('When the carrier reported the parcel delivered: the return is arriving'),
  updatedAt: z.string(),
});
export type TrackingView = z.infer<typeof TrackingView>;

export const ArrivingView = TrackingView.extend({ number: z.string(), status: z.string() });
export type ArrivingView = z.infer<typeof ArrivingView>;

export const ScheduledJobView = z.object({
  name: z.string(),
  intervalSeconds: z.number().int(),
  nextRunAt: z.string(),
  lockedUntil: z.string().nullable(),
  lastStartedAt: z.string().nullable(),
  lastFinishedAt: z.string().nullable(),
  lastResult: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type ScheduledJobView = z.infer<typeof ScheduledJobView>;
