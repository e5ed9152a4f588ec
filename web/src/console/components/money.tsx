/** Money in fen shown as yuan. */
import { Typography } from 'antd';
import { formatMoney } from '../../components/money.ts';

export function Money({
  amount,
  currency = 'CNY',
  strong = false,
  type,
}: {
  amount: number;
  currency?: string;
  strong?: boolean;
  type?: 'success' | 'danger' | 'secondary';
}) {
  return (
    <Typography.Text strong={strong} type={type} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatMoney(amount, currency)}
    </Typography.Text>
  );
}
