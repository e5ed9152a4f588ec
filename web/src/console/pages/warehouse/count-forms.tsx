/** Starting a count now, and planning counts (one-off, monthly, quarterly) of a warehouse, some locations or categories. */
import { useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Page } from '../../../api/types.ts';
import { api, errorText } from '../../api/client.ts';
import { useLocationName } from './parts.tsx';
import { type CountPlanView, useSaveCountPlan, useStartCount } from './stocktaking-api.ts';
import { useWarehouses } from './warehouse-api.ts';

/** The product categories of the catalogue, to count by. */
function useCategories() {
  return useQuery({
    queryKey: ['warehouse', 'categories'],
    queryFn: async ({ signal }) => {
      const page = await api.get<Page<{ category: string }>>('products?limit=200', signal);
      return [...new Set(page.data.map((p) => p.category))].sort();
    },
    staleTime: 60_000,
  });
}

type Scope = { warehouse: string | undefined; locations: string[]; categories: string[] };

function ScopeFields({ value, onChange }: { value: Scope; onChange: (scope: Scope) => void }) {
  const { t } = useTranslation('warehouse');
  const warehouses = useWarehouses();
  const categories = useCategories();
  const locationName = useLocationName();
  const chosen = warehouses.data?.data.find((w) => w.code === value.warehouse);
  return (
    <>
      <Form.Item label={t('counts.warehouse')} required>
        <Select
          value={value.warehouse}
          onChange={(warehouse) => onChange({ ...value, warehouse, locations: [] })}
          options={(warehouses.data?.data ?? []).map((w) => ({ value: w.code, label: `${w.name} · ${w.code}` }))}
          data-testid="count-warehouse"
        />
      </Form.Item>
      <Form.Item label={t('counts.locations')} extra={t('counts.locationsHint')}>
        <Select
          mode="multiple"
          allowClear
          value={value.locations}
          onChange={(locations) => onChange({ ...value, locations })}
          placeholder={t('counts.allLocations')}
          options={(chosen?.locations ?? []).map((l) => ({ value: l.code, label: `${locationName(l.code)} · ${l.code}` }))}
          data-testid="count-locations"
        />
      </Form.Item>
      <Form.Item label={t('counts.categories')} extra={t('counts.categoriesHint')}>
        <Select
          mode="tags"
          allowClear
          value={value.categories}
          onChange={(cats) => onChange({ ...value, categories: cats })}
          placeholder={t('counts.allCategories')}
          options={(categories.data ?? []).map((c) => ({ value: c, label: c }))}
        />
      </Form.Item>
    </>
  );
}

const emptyScope = (warehouse?: string): Scope => ({ warehouse, locations: [], categories: [] });

export function StartCountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const start = useStartCount();
  const warehouses = useWarehouses();
  const [scope, setScope] = useState<Scope>(emptyScope());
  const [note, setNote] = useState('');
  useEffect(() => {
    if (open) setScope(emptyScope(warehouses.data?.data.find((w) => w.isDefault)?.code));
  }, [open, warehouses.data]);
  const submit = () => {
    if (!scope.warehouse) return;
    start
      .mutateAsync({
        warehouse: scope.warehouse,
        ...(scope.locations.length ? { locations: scope.locations } : {}),
        ...(scope.categories.length ? { categories: scope.categories } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      .then(
        (count) => {
          message.success(t('counts.started', { number: count.number, count: count.progress.lines }));
          onClose();
          navigate(`/console/warehouse/counts/${count.id}`);
        },
        (e: unknown) => message.error(errorText(t, e)),
      );
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={submit}
      title={t('counts.startTitle')}
      okText={t('counts.start')}
      okButtonProps={{ disabled: !scope.warehouse, 'data-testid': 'count-start-confirm' }}
      confirmLoading={start.isPending}
      destroyOnHidden
    >
      <Form layout="vertical">
        <ScopeFields value={scope} onChange={setScope} />
        <Form.Item label={t('common.note')} extra={t('counts.snapshotHint')}>
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PlanModal({ plan, open, onClose }: { plan: CountPlanView | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const save = useSaveCountPlan();
  const warehouses = useWarehouses();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>(emptyScope());
  const [schedule, setSchedule] = useState<CountPlanView['schedule']>('monthly');
  const [startsOn, setStartsOn] = useState(dayjs());
  const [initialStart, setInitialStart] = useState('');
  useEffect(() => {
    if (!open) return;
    setName(plan?.name ?? '');
    setScope(
      plan
        ? { warehouse: plan.warehouseCode, locations: plan.locations, categories: plan.categories }
        : emptyScope(warehouses.data?.data.find((w) => w.isDefault)?.code),
    );
    setSchedule(plan?.schedule ?? 'monthly');
    const start = dayjs(plan?.nextRunOn ?? undefined);
    setStartsOn(start);
    setInitialStart(plan ? start.format('YYYY-MM-DD') : '');
  }, [open, plan, warehouses.data]);

  const submit = () => {
    if (!name.trim() || !scope.warehouse) return;
    const date = startsOn.format('YYYY-MM-DD');
    // An unchanged start keeps the plan's next run (a one-off that ran may start in the past).
    const fields = {
      name: name.trim(),
      locations: scope.locations,
      categories: scope.categories,
      schedule,
      ...(date === initialStart ? {} : { startsOn: date }),
    };
    const request = plan ? save.mutateAsync({ id: plan.id, update: fields }) : save.mutateAsync({ create: { ...fields, warehouse: scope.warehouse } });
    request.then(
      (saved) => {
        message.success(t('plans.saved', { name: saved.name }));
        onClose();
      },
      (e: unknown) => message.error(errorText(t, e)),
    );
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={submit}
      title={plan ? t('plans.editTitle') : t('plans.newTitle')}
      okButtonProps={{ disabled: !name.trim() || !scope.warehouse, 'data-testid': 'plan-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('plans.name')} required>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder={t('plans.namePlaceholder')} data-testid="plan-name" />
        </Form.Item>
        <Form.Item label={t('plans.schedule')} required>
          <Segmented
            value={schedule}
            onChange={(v) => setSchedule(v as CountPlanView['schedule'])}
            options={(['once', 'monthly', 'quarterly'] as const).map((s) => ({ value: s, label: t(`plans.schedules.${s}`) }))}
            data-testid="plan-schedule"
          />
        </Form.Item>
        <Form.Item
          label={schedule === 'once' ? t('plans.runOn') : t('plans.firstRun')}
          extra={schedule === 'once' ? undefined : t(`plans.repeatHint.${schedule}`)}
        >
          <DatePicker value={startsOn} onChange={(d) => d && setStartsOn(d)} allowClear={false} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        {plan ? null : <ScopeFields value={scope} onChange={setScope} />}
      </Form>
    </Modal>
  );
}
