/**
 * Transfers and adjustments: the stock documents, newest first, each opening to its ledger
 * lines; new transfers and adjustments; opening stock imported from Excel with a row-by-row
 * error report.
 */
import { DownloadOutlined, PlusOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Dropdown, Empty, Flex, List, Modal, Segmented, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { useSession } from '../../session/session.tsx';
import { useLocationName } from './parts.tsx';
import { StockDocumentForm } from './stock-document-forms.tsx';
import {
  type StockDocumentSummary,
  type StockDocumentView,
  useReasonCodes,
  useRefreshWarehouse,
  useStockDocument,
  useStockDocuments,
} from './warehouse-api.ts';
import { downloadXlsx, rowErrors, rowErrorText, uploadXlsx } from './xlsx.ts';

const kindColors: Record<string, string> = { transfer: 'blue', adjustment: 'gold', opening_stock: 'cyan' };

function DocumentLines({ id }: { id: string }) {
  const { t } = useTranslation('warehouse');
  const document = useStockDocument(id);
  const name = useLocationName();
  return (
    <Table<StockDocumentView['movements'][number]>
      rowKey="id"
      size="small"
      loading={document.isLoading}
      pagination={false}
      dataSource={document.data?.movements ?? []}
      columns={[
        { title: t('common.sku'), dataIndex: 'sku' },
        { title: t('moves.from'), dataIndex: 'fromLocation', render: (v: string | null) => (v ? name(v) : '—') },
        { title: t('moves.to'), dataIndex: 'toLocation', render: (v: string | null) => (v ? name(v) : '—') },
        { title: t('common.quantity'), dataIndex: 'quantity', align: 'right' },
        { title: t('common.lot'), dataIndex: 'lot', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function OpeningStockImport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const refresh = useRefreshWarehouse();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ReturnType<typeof rowErrors>>([]);
  const upload = async (file: File) => {
    setBusy(true);
    setErrors([]);
    try {
      const result = await uploadXlsx<{ rowsRead: number; linesChanged: number }>('inventory/opening-stock', file);
      message.success(t('moves.importDone', { rows: result.rowsRead, count: result.linesChanged }));
      refresh();
      onClose();
    } catch (error) {
      const rows = rowErrors(error);
      if (rows.length > 0) setErrors(rows);
      else message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('moves.importTitle')} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">{t('moves.importHint')}</Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            downloadXlsx('inventory/opening-stock/template.xlsx', `${t('moves.templateFile')}.xlsx`).catch((e: unknown) => message.error(errorText(t, e)))
          }
        >
          {t('moves.template')}
        </Button>
      </Flex>
      <Upload.Dragger
        accept=".xlsx"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <UploadOutlined />
        </p>
        <p className="ant-upload-text">{t('moves.importDrop')}</p>
      </Upload.Dragger>
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('moves.importRejected', { count: errors.length })}
          description={
            <List size="small" dataSource={errors.slice(0, 50)} renderItem={(e) => <List.Item style={{ padding: '2px 0' }}>{rowErrorText(t, e)}</List.Item>} />
          }
        />
      ) : null}
    </Modal>
  );
}

export function MovesTab() {
  const { t, i18n } = useTranslation('warehouse');
  const { can } = useSession();
  const [kind, setKind] = useState('all');
  const documents = useStockDocuments(kind === 'all' ? undefined : kind);
  const reasons = useReasonCodes(true);
  const [form, setForm] = useState<'transfer' | 'adjustment' | null>(null);
  const [importing, setImporting] = useState(false);
  const writes = can('inventory:write');
  const reasonName = (code: string | null) => {
    const r = reasons.data?.data.find((x) => x.code === code);
    if (!r) return code ?? '—';
    return i18n.language === 'en' ? (r.nameEn ?? r.name) : r.name;
  };

  return (
    <Card
      size="small"
      title={
        <Segmented
          value={kind}
          onChange={(v) => setKind(String(v))}
          options={['all', 'transfer', 'adjustment', 'opening_stock'].map((k) => ({ value: k, label: t(`moves.kind.${k}`) }))}
          style={{ margin: '8px 0' }}
        />
      }
      extra={
        writes ? (
          <Flex gap={8}>
            <Button type="primary" icon={<SwapOutlined />} onClick={() => setForm('transfer')} data-testid="new-transfer">
              {t('moves.new.transfer')}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'adjustment', icon: <PlusOutlined />, label: t('moves.new.adjustment') },
                  { key: 'import', icon: <UploadOutlined />, label: t('moves.importTitle') },
                ],
                onClick: ({ key }) => (key === 'import' ? setImporting(true) : setForm('adjustment')),
              }}
            >
              <Button data-testid="more-documents">{t('moves.more')}</Button>
            </Dropdown>
          </Flex>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<StockDocumentSummary>
        rowKey="id"
        size="middle"
        loading={documents.isLoading}
        dataSource={documents.data?.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        expandable={{ expandedRowRender: (d) => <DocumentLines id={d.id} />, rowExpandable: () => true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('moves.empty')} /> }}
        scroll={{ x: 820 }}
        columns={[
          { title: t('moves.number'), dataIndex: 'number', width: 200, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('moves.kindTitle'), dataIndex: 'kind', width: 110, render: (k: string) => <Tag color={kindColors[k]}>{t(`moves.kind.${k}`)}</Tag> },
          { title: t('moves.reason'), dataIndex: 'reasonCode', width: 140, render: (c: string | null) => (c ? reasonName(c) : '—') },
          { title: t('common.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
          {
            title: t('moves.by'),
            key: 'actor',
            width: 120,
            render: (_, d) => d.actor.name ?? t(`moves.actorKind.${d.actor.kind}`, { defaultValue: d.actor.kind }),
          },
          { title: t('moves.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
        ]}
      />
      <StockDocumentForm kind={form} onClose={() => setForm(null)} />
      <OpeningStockImport open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}
