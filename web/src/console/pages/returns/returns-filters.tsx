/** The filter bar of the returns list; every filter lives in the address so a list can be linked. */
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../components/labels.ts';

const statuses = ['requested', 'approved', 'in_transit', 'received', 'inspected', 'resolved', 'closed', 'rejected', 'cancelled'];
const channels = ['portal', 'service', 'phone', 'chat'];
const owners = ['service', 'warehouse', 'finance', 'customer', 'manager'];

export type ReturnFilters = {
  q?: string | undefined;
  status?: string | undefined;
  stage?: string | undefined;
  ownerRole?: string | undefined;
  channel?: string | undefined;
  reasonCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  overdue?: 'true' | undefined;
};

export function ReturnsFilterBar({ value, onChange }: { value: ReturnFilters; onChange: (next: ReturnFilters) => void }) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const [search, setSearch] = useState(value.q ?? '');
  useEffect(() => setSearch(value.q ?? ''), [value.q]);
  const set = (patch: Partial<ReturnFilters>) => onChange({ ...value, ...patch });
  const selectStyle = { width: 150 };

  return (
    <Flex gap={10} wrap align="center">
      <Input.Search
        allowClear
        data-testid="returns-search"
        placeholder={t('filters.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        enterButton={<SearchOutlined />}
        style={{ width: 300 }}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('filters.status')}
        style={{ width: 190 }}
        value={value.status ? value.status.split(',') : []}
        onChange={(v: string[]) => set({ status: v.length > 0 ? v.join(',') : undefined })}
        options={statuses.map((s) => ({ value: s, label: t(`common:status.${s}`) }))}
        data-testid="filter-status"
      />
      <Select
        allowClear
        placeholder={t('filters.stage')}
        style={selectStyle}
        value={value.stage}
        onChange={(v?: string) => set({ stage: v })}
        options={labels.stages.map((s) => ({ value: s.code, label: labels.stage(s.code) }))}
      />
      <Select
        allowClear
        placeholder={t('filters.owner')}
        style={selectStyle}
        value={value.ownerRole}
        onChange={(v?: string) => set({ ownerRole: v })}
        options={owners.map((r) => ({ value: r, label: labels.role(r) }))}
      />
      <Select
        allowClear
        placeholder={t('filters.channel')}
        style={{ width: 130 }}
        value={value.channel}
        onChange={(v?: string) => set({ channel: v })}
        options={channels.map((c) => ({ value: c, label: labels.channel(c) }))}
      />
      <Select
        allowClear
        placeholder={t('filters.reason')}
        style={selectStyle}
        value={value.reasonCode}
        onChange={(v?: string) => set({ reasonCode: v })}
        options={labels.reasons.map((r) => ({ value: r.code, label: labels.reason(r.code) }))}
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
      <Flex align="center" gap={6}>
        <Switch size="small" checked={value.overdue === 'true'} onChange={(on) => set({ overdue: on ? 'true' : undefined })} data-testid="filter-overdue" />
        <Typography.Text>{t('filters.overdueOnly')}</Typography.Text>
      </Flex>
      <Button icon={<ReloadOutlined />} onClick={() => onChange({})}>
        {t('filters.reset')}
      </Button>
    </Flex>
  );
}
