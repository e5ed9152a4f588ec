/** The order, the customer and the parcel beside a return. */
import { CarOutlined, ShoppingOutlined, UserOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReturnView } from '../../../api/types.ts';
import { useCustomer, useCustomerInsight, useOrder } from '../../api/queries.ts';
import { formatDate, formatRate } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { Money } from '../../components/money.tsx';

export function OrderCard({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation('console');
  const labels = useLabels();
  const order = useOrder(orderId);
  return (
    <Card
      size="small"
      title={
        <Flex gap={8}>
          <ShoppingOutlined />
          {t('detail.order')}
        </Flex>
      }
      data-testid="order-card"
    >
      {order.data ? (
        <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
          <Descriptions.Item label={t('order.number')}>
            <Typography.Text copyable>{order.data.number}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('order.channel')}>{labels.channel(order.data.channel)}</Descriptions.Item>
          <Descriptions.Item label={t('order.placedAt')}>{formatDate(order.data.placedAt, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('order.deliveredAt')}>
            {order.data.deliveredAt ? formatDate(order.data.deliveredAt, i18n.language) : <Tag color="orange">{t('order.notDelivered')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('order.paid')}>
            <Money amount={order.data.totalAmount} currency={order.data.currency} />
            {order.data.shippingFee > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {t('order.shippingIncluded', { fee: (order.data.shippingFee / 100).toFixed(2) })}
              </Typography.Text>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('order.payment')}>
            {order.data.payments.map((p) => t(`payment.${p.method}`, { defaultValue: p.method })).join(t('sep.list')) || '—'}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Skeleton active paragraph={{ rows: 4 }} />
      )}
    </Card>
  );
}

export function CustomerCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation('console');
  const customer = useCustomer(customerId);
  const insight = useCustomerInsight(customerId);
  const stats = insight.data?.stats;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8}>
          <UserOutlined />
          {t('detail.customer')}
        </Flex>
      }
      extra={<Link to={`/console/customers/${customerId}`}>{t('detail.customerOpen')}</Link>}
      data-testid="customer-card"
    >
      {customer.data ? (
        <>
          <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
            <Typography.Text strong style={{ fontSize: 15 }}>
              {customer.data.name}
            </Typography.Text>
            {customer.data.tier !== 'standard' ? <Tag color="gold">{t(`tier.${customer.data.tier}`, { defaultValue: customer.data.tier })}</Tag> : null}
            {stats?.flagged ? (
              <Tag color="red" icon={<WarningOutlined />}>
                {t('customers.flagged')}
              </Tag>
            ) : null}
          </Flex>
          <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
            <Descriptions.Item label={t('customers.phone')}>{customer.data.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('customers.email')}>{customer.data.email ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('customers.returnRate')}>
              {formatRate(stats?.returnRate)}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {t('customers.averageShort', { rate: formatRate(insight.data?.averageReturnRate) })}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.returns')}>{customer.data.returnStats.returns}</Descriptions.Item>
            <Descriptions.Item label={t('customers.refunded')}>
              <Money amount={customer.data.returnStats.refundedAmount} />
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.storeCredit')}>
              <Money amount={customer.data.storeCreditBalance} />
            </Descriptions.Item>
          </Descriptions>
        </>
      ) : (
        <Skeleton active paragraph={{ rows: 4 }} />
      )}
    </Card>
  );
}

export function ParcelCard({ ret }: { ret: ReturnView }) {
  const { t } = useTranslation('console');
  const noGoods = ret.type === 'refund_only' || ret.returnless;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8}>
          <CarOutlined />
          {t('detail.parcel')}
        </Flex>
      }
    >
      {noGoods ? (
        <Typography.Text type="secondary">{ret.type === 'refund_only' ? t('detail.refundOnly') : t('detail.returnless')}</Typography.Text>
      ) : ret.trackingNumber ? (
        <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
          <Descriptions.Item label={t('ship.carrier')}>{ret.carrier ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ship.tracking')}>
            <Typography.Text copyable>{ret.trackingNumber}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('detail.noParcel')}</Typography.Text>
      )}
    </Card>
  );
}
