/**
 * Warehouses and their locations (sellable, returns zone, quarantine, damaged), where each
 * inspection disposition sends units per warehouse, adjustment reason codes, and products'
 * barcode, lot/serial tracking and supplier.
 */
import { EnvironmentOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Collapse, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { useSession } from '../../session/session.tsx';
import { LocationKindTag, useLocationName } from './parts.tsx';
import { ProductSettingsCard, ReasonCodesCard } from './settings-cards.tsx';
import {
  useDeleteLocation,
  useDeleteWarehouse,
  useDispositions,
  useSaveDispositions,
  useSaveLocation,
  useSaveWarehouse,
  useWarehouses,
  type WarehouseLocationView,
  type WarehouseView,
} from './warehouse-api.ts';

const kinds = ['sellable', 'returns', 'quarantine', 'damaged'] as const;
const mappable: Record<string, readonly string[]> = { restock: ['sellable'], damaged: ['damaged', 'quarantine'], vendor: ['damaged', 'quarantine'] };
const codeRule = /^[A-Z0-9][A-Z0-9_-]*$/;

function Dispositions({ warehouse, manages }: { warehouse: WarehouseView; manages: boolean }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const current = useDispositions(warehouse.id);
  const save = useSaveDispositions(warehouse.id);
  const locationName = useLocationName();
  const change = (disposition: 'restock' | 'damaged' | 'vendor', location: string) =>
    save.mutateAsync({ mappings: [{ disposition, location: location === '' ? null : location }] }).then(
      () => message.success(t('settings.dispositionSaved')),
      (e: unknown) => message.error(errorText(t, e)),
    );
  return (
    <Table
      rowKey="disposition"
      size="small"
      pagination={false}
      loading={current.isLoading}
      dataSource={current.data?.data ?? []}
      data-testid={`dispositions-${warehouse.code}`}
      columns={[
        { title: t('settings.disposition'), dataIndex: 'disposition', width: 160, render: (d: string) => t(`console:disposition.${d}.label`) },
        {
          title: t('settings.goesTo'),
          key: 'location',
          render: (_, d) => {
            const allowed = mappable[d.disposition];
            if (!allowed || !manages) {
              return d.location ? <Tag>{d.location}</Tag> : <Typography.Text type="secondary">{t('common.outOfStock')}</Typography.Text>;
            }
            return (
              <Select
                size="small"
                style={{ width: 240 }}
                value={d.source === 'configured' ? (d.location ?? '') : ''}
                onChange={(v) => void change(d.disposition as 'restock' | 'damaged' | 'vendor', v)}
                options={[
                  {
                    value: '',
                    label: t('settings.defaultTarget', { target: d.source === 'default' ? (d.location ?? t('common.outOfStock')) : t('settings.theDefault') }),
                  },
                  ...warehouse.locations.filter((l) => allowed.includes(l.kind)).map((l) => ({ value: l.code, label: `${locationName(l.code)} · ${l.code}` })),
                ]}
              />
            );
          },
        },
        {
          title: t('settings.source'),
          dataIndex: 'source',
          width: 100,
          render: (s: string) => <Tag color={s === 'configured' ? 'blue' : 'default'}>{t(`settings.sources.${s}`)}</Tag>,
        },
      ]}
    />
  );
}

type LocationForm = { code: string; name: string; kind: (typeof kinds)[number]; allowNegative: boolean };

function LocationModal({ target, onClose }: { target: { warehouse: WarehouseView; location: WarehouseLocationView | null } | null; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const save = useSaveLocation();
  const [form] = Form.useForm<LocationForm>();
  const location = target?.location ?? null;
  useEffect(() => {
    if (target)
      form.setFieldsValue(
        location
          ? { ...location }
          : { code: `${target.warehouse.isDefault ? '' : `${target.warehouse.code}-`}`, name: '', kind: 'sellable', allowNegative: false },
      );
  }, [target, location, form]);
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    const request = location
      ? save.mutateAsync({ id: location.id, update: { name: v.name.trim(), allowNegative: v.allowNegative, ...(location.contract ? {} : { kind: v.kind }) } })
      : save.mutateAsync({
          create: { warehouse: target.warehouse.code, code: v.code.trim(), name: v.name.trim(), kind: v.kind, allowNegative: v.allowNegative },
        });
    request.then(
      () => {
        message.success(t('settings.locationSaved'));
        onClose();
      },
      (e: unknown) => message.error(errorText(t, e)),
    );
  };
  return (
    <Modal
      open={target !== null}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={save.isPending}
      title={location ? t('settings.editLocation') : t('settings.newLocation')}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item name="code" label={t('settings.code')} rules={[{ required: true, pattern: codeRule, message: t('settings.codeRule') }]}>
          <Input disabled={location !== null} maxLength={40} data-testid="location-code" />
        </Form.Item>
        <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="location-name" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('settings.kind')}
          extra={location?.contract ? t('settings.contractKind') : location ? t('settings.kindHint') : undefined}
        >
          <Select disabled={Boolean(location?.contract)} options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="allowNegative" valuePropName="checked">
          <Checkbox>{t('settings.allowNegative')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

type WarehouseForm = { code: string; name: string; address?: string; contactName?: string; contactPhone?: string; defaultLocations: boolean };

function WarehouseModal({ target, onClose }: { target: { warehouse: WarehouseView | null } | null; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const save = useSaveWarehouse();
  const [form] = Form.useForm<WarehouseForm>();
  const warehouse = target?.warehouse ?? null;
  useEffect(() => {
    if (!target) return;
    form.setFieldsValue(
      warehouse
        ? {
            code: warehouse.code,
            name: warehouse.name,
            address: warehouse.address ?? '',
            contactName: warehouse.contactName ?? '',
            contactPhone: warehouse.contactPhone ?? '',
            defaultLocations: false,
          }
        : { code: '', name: '', address: '', contactName: '', contactPhone: '', defaultLocations: true },
    );
  }, [target, warehouse, form]);
  const submit = async () => {
    const v = await form.validateFields();
    const text = (x: string | undefined) => (x?.trim() ? x.trim() : null);
    const request = warehouse
      ? save.mutateAsync({
          id: warehouse.id,
          update: { name: v.name.trim(), address: text(v.address), contactName: text(v.contactName), contactPhone: text(v.contactPhone) },
        })
      : save.mutateAsync({
          create: {
            code: v.code.trim(),
            name: v.name.trim(),
            defaultLocations: v.defaultLocations,
            ...(text(v.address) ? { address: text(v.address) as string } : {}),
            ...(text(v.contactName) ? { contactName: text(v.contactName) as string } : {}),
            ...(text(v.contactPhone) ? { contactPhone: text(v.contactPhone) as string } : {}),
          },
        });
    request.then(
      () => {
        message.success(t('settings.warehouseSaved'));
        onClose();
      },
      (e: unknown) => message.error(errorText(t, e)),
    );
  };
  return (
    <Modal
      open={target !== null}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={save.isPending}
      title={warehouse ? t('settings.editWarehouse') : t('settings.newWarehouse')}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Flex gap={12}>
          <Form.Item
            name="code"
            label={t('settings.code')}
            rules={[{ required: true, pattern: codeRule, message: t('settings.codeRule') }]}
            style={{ flex: '0 0 140px' }}
          >
            <Input disabled={warehouse !== null} maxLength={20} />
          </Form.Item>
          <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        <Form.Item name="address" label={t('settings.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="contactName" label={t('settings.contact')} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('settings.phone')} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
        </Flex>
        {warehouse ? null : (
          <Form.Item name="defaultLocations" valuePropName="checked" extra={t('settings.defaultLocationsHint')}>
            <Checkbox>{t('settings.defaultLocations')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function SettingsTab() {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const { can } = useSession();
  const warehouses = useWarehouses();
  const removeLocation = useDeleteLocation();
  const removeWarehouse = useDeleteWarehouse();
  const saveLocation = useSaveLocation();
  const [locationTarget, setLocationTarget] = useState<{ warehouse: WarehouseView; location: WarehouseLocationView | null } | null>(null);
  const [warehouseTarget, setWarehouseTarget] = useState<{ warehouse: WarehouseView | null } | null>(null);
  const manages = can('warehouses:manage');
  const list = warehouses.data?.data ?? [];
  const failed = (e: unknown) => message.error(errorText(t, e));

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={<div style={{ padding: '8px 0' }}>{t('settings.warehouses')}</div>}
        extra={
          manages ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setWarehouseTarget({ warehouse: null })} data-testid="warehouse-new">
              {t('settings.newWarehouse')}
            </Button>
          ) : null
        }
      >
        {list.length === 0 ? <Empty /> : null}
        <Collapse
          defaultActiveKey={list.filter((w) => w.isDefault).map((w) => w.id)}
          items={list.map((w) => ({
            key: w.id,
            label: (
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{w.name}</Typography.Text>
                <Tag>{w.code}</Tag>
                {w.isDefault ? (
                  <Tag color="gold" icon={<StarFilled />}>
                    {t('settings.default')}
                  </Tag>
                ) : null}
                <Typography.Text type="secondary">{t('settings.locationCount', { count: w.locations.length })}</Typography.Text>
              </Flex>
            ),
            extra: manages ? (
              <Flex gap={6} onClick={(e) => e.stopPropagation()}>
                <Button size="small" onClick={() => setWarehouseTarget({ warehouse: w })}>
                  {t('common.edit')}
                </Button>
                {w.isDefault ? null : (
                  <Popconfirm title={t('settings.deleteWarehouseConfirm', { name: w.name })} onConfirm={() => removeWarehouse.mutateAsync(w.id).catch(failed)}>
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            ) : null,
            children: (
              <Flex vertical gap={16}>
                {w.address || w.contactName ? (
                  <Typography.Text type="secondary">
                    <EnvironmentOutlined /> {[w.address, w.contactName, w.contactPhone].filter(Boolean).join(' · ')}
                  </Typography.Text>
                ) : null}
                <div>
                  <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{t('settings.locations')}</Typography.Text>
                    {manages ? (
                      <Button
                        size="small"
                        icon={<PlusOutlined />}
                        onClick={() => setLocationTarget({ warehouse: w, location: null })}
                        data-testid={`location-new-${w.code}`}
                      >
                        {t('settings.newLocation')}
                      </Button>
                    ) : null}
                  </Flex>
                  <Table<WarehouseLocationView>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={w.locations}
                    columns={[
                      { title: t('settings.code'), dataIndex: 'code', width: 180, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
                      {
                        title: t('settings.name'),
                        key: 'name',
                        render: (_, l) => (
                          <Flex gap={6} align="center">
                            {l.name}
                            {l.contract ? (
                              <Tooltip title={t('settings.contractHint')}>
                                <Tag color="geekblue">{t('settings.contract')}</Tag>
                              </Tooltip>
                            ) : null}
                          </Flex>
                        ),
                      },
                      { title: t('settings.kind'), dataIndex: 'kind', width: 110, render: (k: string) => <LocationKindTag kind={k} /> },
                      {
                        title: t('settings.allowNegative'),
                        key: 'neg',
                        width: 130,
                        render: (_, l) => (
                          <Switch
                            size="small"
                            checked={l.allowNegative}
                            disabled={!manages}
                            onChange={(allowNegative) => saveLocation.mutateAsync({ id: l.id, update: { allowNegative } }).catch(failed)}
                          />
                        ),
                      },
                      ...(manages
                        ? [
                            {
                              key: 'actions',
                              width: 130,
                              align: 'right' as const,
                              render: (_: unknown, l: WarehouseLocationView) => (
                                <Flex gap={6} justify="flex-end">
                                  <Button size="small" onClick={() => setLocationTarget({ warehouse: w, location: l })}>
                                    {t('common.edit')}
                                  </Button>
                                  {l.contract ? null : (
                                    <Popconfirm
                                      title={t('settings.deleteLocationConfirm', { code: l.code })}
                                      onConfirm={() => removeLocation.mutateAsync(l.id).catch(failed)}
                                    >
                                      <Button size="small" danger>
                                        {t('common.delete')}
                                      </Button>
                                    </Popconfirm>
                                  )}
                                </Flex>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </div>
                <div>
                  <Typography.Text strong style={{ display: 'block' }}>
                    {t('settings.dispositions')}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
                    {t('settings.dispositionsHint')}
                  </Typography.Text>
                  <Dispositions warehouse={w} manages={manages} />
                </div>
              </Flex>
            ),
          }))}
        />
      </Card>
      <ReasonCodesCard />
      <ProductSettingsCard />
      <LocationModal target={locationTarget} onClose={() => setLocationTarget(null)} />
      <WarehouseModal target={warehouseTarget} onClose={() => setWarehouseTarget(null)} />
    </Flex>
  );
}
