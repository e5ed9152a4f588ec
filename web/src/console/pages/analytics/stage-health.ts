/** Each stage's health over the last 30 days, for colouring the process flowchart (only for those who may read reports). */
import { useSession } from '../../session/session.tsx';
import { useProcessHealth } from './analytics-api.ts';

export type StageHealth = 'good' | 'warn' | 'bad' | 'idle';

/** Stage code → health, or an empty map while loading or without the right to read reports. */
export function useStageHealth(): Record<string, StageHealth> {
  const { can } = useSession();
  const report = useProcessHealth({}, can('reports:read'));
  return Object.fromEntries((report.data?.stages ?? []).map((s) => [s.stage, s.health]));
}
