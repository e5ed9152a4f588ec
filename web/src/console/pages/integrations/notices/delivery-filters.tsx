/** The filter bar of the delivery log; the filters live in the address so a return's notices can be linked. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryFilters } from '../api/notices-api.ts';
import { ChannelIcon, channels, useNoticeLabels } from '../labels.tsx';
import { noticeEvents } from '../notice-events.ts';

export function DeliveryFilterBar({
  value,
  returnNumber,
  onChange,
}: {
  value: DeliveryFilters;
  returnNumber: string | null;
  onChange: (next: DeliveryFilters) => void;
}) {
  const { t } = useTranslation('integrations');
  const labels = useNoticeLabels();
  const [recipient, setRecipient] = useState(value.recipient ?? '');
  useEffect(() => setRecipient(value.recipient ?? ''), [value.recipient]);
  const set = (patch: Partial<DeliveryFilters>) => onChange({ ...value, ...patch });

  return (
    <Flex gap={10} wrap align="center">
      {value.returnId ? (
        <Tag closable color="blue" onClose={() => set({ returnId: undefined })} style={{ marginInlineEnd: 0, paddingBlock: 4 }} data-testid="log-return-filter">
          {t('log.forReturn', { number: returnNumber ?? '…' })}
        </Tag>
      ) : null}
      {value.customerId ? (
        <Tag closable color="blue" onClose={() => set({ customerId: undefined })} style={{ marginInlineEnd: 0, paddingBlock: 4 }}>
          {t('log.forCustomer')}
        </Tag>
      ) : null}
      <Input.Search
        allowClear
        placeholder={t('log.recipientPlaceholder')}
        value={recipient}
        onChange={(e) => setRecipient(e.target.value)}
        onSearch={(v) => set({ recipient: v.trim() || undefined })}
        style={{ width: 240 }}
      />
      <Select
        allowClear
        placeholder={t('log.status')}
        style={{ width: 120 }}
        value={value.status}
        onChange={(v?: string) => set({ status: v })}
        options={['sent', 'pending', 'failed'].map((s) => ({ value: s, label: t(`status.${s}`) }))}
        data-testid="log-filter-status"
      />
      <Select
        allowClear
        placeholder={t('log.channel')}
        style={{ width: 150 }}
        value={value.channel}
        onChange={(v?: string) => set({ channel: v })}
        options={channels.map((c) => ({
          value: c,
          label: (
            <Flex gap={6} align="center">
              <ChannelIcon channel={c} />
              {labels.channel(c)}
            </Flex>
          ),
        }))}
        data-testid="log-filter-channel"
      />
      <Select
        allowClear
        placeholder={t('log.audience')}
        style={{ width: 120 }}
        value={value.audience}
        onChange={(v?: string) => set({ audience: v })}
        options={['customer', 'staff'].map((a) => ({ value: a, label: t(`audience.${a}`) }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('log.event')}
        style={{ width: 170 }}
        value={value.eventType}
        onChange={(v?: string) => set({ eventType: v })}
        options={noticeEvents.map((e) => ({ value: e, label: labels.event(e) }))}
      />
      <DatePicker.RangePicker
        style={{ width: 250 }}
        value={value.from && value.to ? [dayjs(value.from), dayjs(value.to).subtract(1, 'day')] : null}
        onChange={(range) =>
          set(
            range?.[0] && range[1]
              ? { from: range[0].format('YYYY-MM-DD'), to: range[1].add(1, 'day').format('YYYY-MM-DD') }
              : { from: undefined, to: undefined },
          )
        }
      />
      <Button icon={<ReloadOutlined />} onClick={() => onChange({})}>
        {t('log.reset')}
      </Button>
    </Flex>
  );
}
