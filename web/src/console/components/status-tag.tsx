/** A return's status as a coloured tag. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = {
  requested: 'gold',
  approved: 'blue',
  in_transit: 'cyan',
  received: 'geekblue',
  inspected: 'purple',
  resolved: 'green',
  closed: 'default',
  rejected: 'red',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation('common');
  return (
    <Tag color={colors[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-status={status}>
      {t(`status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

const refundColors: Record<string, string> = { paid: 'green', pending_approval: 'orange', rejected: 'red' };

export function RefundStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('console');
  return (
    <Tag color={refundColors[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`refundStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}
