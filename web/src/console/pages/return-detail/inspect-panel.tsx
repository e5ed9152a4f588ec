/** Inspecting received units per line: grade A–D and a disposition, with the location each disposition sends them to. */
import { ArrowRightOutlined, DeleteOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, InputNumber, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../../api/types.ts';
import type { ReturnWorkbench } from '../../api/console-types.ts';
import { useLabels } from '../../components/labels.ts';

type Grade = 'A' | 'B' | 'C' | 'D';
type Disposition = 'restock' | 'damaged' | 'scrap' | 'vendor' | 'reject';
type Row = { key: number; lineId: string; quantity: number; grade: Grade; disposition: Disposition };

const suggested: Record<Grade, Disposition> = { A: 'restock', B: 'restock', C: 'damaged', D: 'scrap' };
const dispositions: Disposition[] = ['restock', 'damaged', 'scrap', 'vendor', 'reject'];

export type InspectPanelProps = {
  ret: ReturnView;
  workbench: ReturnWorkbench;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (lines: Omit<Row, 'key'>[]) => void;
};

export function InspectPanel({ ret, workbench, busy, onCancel, onSubmit }: InspectPanelProps) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const open = ret.lines.filter((l) => l.receivedQuantity > l.inspectedQuantity);
  const [rows, setRows] = useState<Row[]>(() =>
    open.map((l, i) => ({ key: i, lineId: l.id, quantity: l.receivedQuantity - l.inspectedQuantity, grade: 'A', disposition: 'restock' })),
  );
  const target = new Map(workbench.dispositions.map((d) => [d.disposition, d.location]));
  const lineOf = new Map(ret.lines.map((l) => [l.id, l]));
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const over = open.filter((l) => rows.filter((r) => r.lineId === l.id).reduce((s, r) => s + r.quantity, 0) > l.receivedQuantity - l.inspectedQuantity);
  const total = rows.reduce((s, r) => s + r.quantity, 0);

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <SafetyCertificateOutlined style={{ color: '#722ed1' }} />
          {t('inspect.title')}
        </Flex>
      }
      style={{ borderColor: '#d3adf7', boxShadow: '0 0 0 2px rgba(114,46,209,0.08)' }}
      data-testid="inspect-panel"
    >
      <Alert type="info" showIcon title={t('inspect.hint')} style={{ marginBottom: 12 }} />
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 660 }}
        columns={[
          {
            title: t('lines.item'),
            key: 'item',
            render: (_, r) => {
              const line = lineOf.get(r.lineId);
              return (
                <div>
                  <Typography.Text strong>{line?.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('inspect.uninspected', { count: line ? line.receivedQuantity - line.inspectedQuantity : 0 })}
                  </Typography.Text>
                </div>
              );
            },
          },
          {
            title: t('inspect.quantity'),
            key: 'quantity',
            width: 84,
            render: (_, r) => (
              <InputNumber
                min={1}
                precision={0}
                value={r.quantity}
                onChange={(v) => update(r.key, { quantity: Number(v ?? 1) })}
                style={{ width: 64 }}
                data-testid="inspect-qty"
              />
            ),
          },
          {
            title: t('inspect.grade'),
            key: 'grade',
            width: 160,
            render: (_, r) => (
              <Segmented<Grade>
                value={r.grade}
                onChange={(grade) => update(r.key, { grade, disposition: suggested[grade] })}
                options={(['A', 'B', 'C', 'D'] as const).map((g) => ({ value: g, label: g, title: t(`grade.${g}`) }))}
                data-testid="inspect-grade"
              />
            ),
          },
          {
            title: t('inspect.disposition'),
            key: 'disposition',
            width: 190,
            render: (_, r) => {
              const to = target.get(r.disposition);
              return (
                <div>
                  <Select<Disposition>
                    value={r.disposition}
                    onChange={(disposition) => update(r.key, { disposition })}
                    style={{ width: 160 }}
                    options={dispositions.map((d) => ({ value: d, label: t(`disposition.${d}.label`) }))}
                    data-testid="inspect-disposition"
                  />
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }} data-testid="inspect-destination">
                    <ArrowRightOutlined /> {to ? labels.location(to) : t(`disposition.${r.disposition}.out`)}
                  </Typography.Text>
                </div>
              );
            },
          },
          {
            title: '',
            key: 'split',
            width: 72,
            render: (_, r) => (
              <Flex gap={4}>
                <Tooltip title={t('inspect.split')}>
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() =>
                      setRows((rs) => [
                        ...rs,
                        { key: Math.max(...rs.map((x) => x.key)) + 1, lineId: r.lineId, quantity: 1, grade: 'C', disposition: 'damaged' },
                      ])
                    }
                  />
                </Tooltip>
                {rows.filter((x) => x.lineId === r.lineId).length > 1 ? (
                  <Button size="small" icon={<DeleteOutlined />} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      {over.length > 0 ? (
        <Alert type="error" showIcon title={t('inspect.over', { items: over.map((l) => l.name).join(t('sep.list')) })} style={{ marginTop: 12 }} />
      ) : null}
      <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 12 }} wrap>
        <Flex gap={6} wrap>
          {(['A', 'B', 'C', 'D'] as const).map((g) => (
            <Tag key={g}>{t('inspect.gradeLegend', { grade: g, text: t(`grade.${g}`) })}</Tag>
          ))}
        </Flex>
        <Flex gap={8}>
          <Button onClick={onCancel}>{t('common:actions.cancel')}</Button>
          <Button
            type="primary"
            loading={busy}
            disabled={over.length > 0 || total === 0}
            data-testid="inspect-submit"
            onClick={() => onSubmit(rows.filter((r) => r.quantity > 0).map(({ key: _k, ...r }) => r))}
          >
            {t('inspect.submit', { count: total })}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
