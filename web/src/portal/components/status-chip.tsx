/** A return's status as a small coloured label in customer words. */
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../portal-types.ts';

const tone: Record<ReturnView['status'], string> = {
  requested: 'wait',
  approved: 'active',
  in_transit: 'active',
  received: 'active',
  inspected: 'active',
  resolved: 'done',
  closed: 'done',
  rejected: 'stopped',
  cancelled: 'stopped',
};

export function StatusChip({ status }: { status: ReturnView['status'] }) {
  const { t } = useTranslation('portal');
  return <span className={`pt-chip pt-chip-${tone[status]}`}>{t(`status.${status}`)}</span>;
}
