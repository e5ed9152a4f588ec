/**
 * One count: its scope, progress and who did what. Counters get the sheet (phone or
 * Excel) and hand it in; a manager who did not count sees the variance report (quantity
 * and value) and approves it, which posts the corrections, or sends it back or cancels it.
 */
import { ArrowLeftOutlined, DownloadOutlined, MobileOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Input, Modal, Progress, Result, Spin, Tag, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorText } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { useSession, useUser } from '../../session/session.tsx';
import { CountScope, countStatusColors } from './counts-tab.tsx';
import { type StockCountView, useCount, useCountDecision } from './stocktaking-api.ts';
import { VarianceReportCard } from './variance-report.tsx';
import { useRefreshWarehouse } from './warehouse-api.ts';
import { downloadXlsx, rowErrors, rowErrorText, uploadXlsx } from './xlsx.ts';

function SheetTools({ count }: { count: StockCountView }) {
  const { t } = useTranslation('warehouse');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRefreshWarehouse();
  const decide = useCountDecision(count.id);
  const [asZero, setAsZero] = useState(false);
  const uncounted = count.progress.lines - count.progress.counted;
  const upload = async (file: File) => {
    try {
      const result = await uploadXlsx<{ rowsRead: number }>(`stock-counts/${count.id}/import`, file);
      message.success(t('detail.imported', { rows: result.rowsRead }));
      refresh();
    } catch (error) {
      const rows = rowErrors(error);
      if (rows.length === 0) message.error(errorText(t, error));
      else
        modal.error({
          title: t('moves.importRejected', { count: rows.length }),
          content: rows.slice(0, 20).map((e) => <div key={`${e.row}-${e.column}-${e.message}`}>{rowErrorText(t, e)}</div>),
        });
    }
  };
  const submit = () =>
    decide.mutateAsync({ action: 'submit', uncountedAsZero: asZero }).then(
      () => message.success(t('detail.submitted')),
      (e: unknown) => message.error(errorText(t, e)),
    );
  return (
    <Card size="small" title={t('detail.countTools')}>
      <Flex gap={8} wrap>
        <Button type="primary" icon={<MobileOutlined />} onClick={() => navigate(`/console/count/${count.id}`)} data-testid="detail-open-sheet">
          {t('counts.openSheet')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            downloadXlsx(`stock-counts/${count.id}/sheet.xlsx`, `${t('detail.sheetFile')}-${count.number}.xlsx`).catch((e: unknown) =>
              message.error(errorText(t, e)),
            )
          }
          data-testid="detail-download-sheet"
        >
          {t('detail.downloadSheet')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="detail-import-sheet">
            {t('detail.importSheet')}
          </Button>
        </Upload>
      </Flex>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 16 }}>
        {uncounted > 0 ? (
          <Checkbox checked={asZero} onChange={(e) => setAsZero(e.target.checked)}>
            {t('detail.uncountedAsZero', { count: uncounted })}
          </Checkbox>
        ) : (
          <span />
        )}
        <Button type="primary" disabled={uncounted > 0 && !asZero} loading={decide.isPending} onClick={submit} data-testid="detail-submit">
          {t('detail.submit')}
        </Button>
      </Flex>
    </Card>
  );
}

function ManagerActions({ count }: { count: StockCountView }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const user = useUser();
  const decide = useCountDecision(count.id);
  const [asking, setAsking] = useState<'approve' | 'reopen' | 'cancel' | null>(null);
  const [note, setNote] = useState('');
  const ownCount = count.submittedBy?.id === user.id;
  const act = () => {
    if (!asking) return;
    decide.mutateAsync({ action: asking, ...(note.trim() ? { note: note.trim() } : {}) }).then(
      () => {
        message.success(t(`detail.done.${asking}`, { number: count.number }));
        setAsking(null);
        setNote('');
      },
      (e: unknown) => message.error(errorText(t, e)),
    );
  };
  return (
    <Flex gap={8} wrap>
      {count.status === 'submitted' ? (
        <>
          <Tooltip title={ownCount ? t('detail.ownCount') : undefined}>
            <Button type="primary" disabled={ownCount} onClick={() => setAsking('approve')} data-testid="count-approve">
              {t('detail.approve')}
            </Button>
          </Tooltip>
          <Button onClick={() => setAsking('reopen')} data-testid="count-reopen">
            {t('detail.reopen')}
          </Button>
        </>
      ) : null}
      <Button danger onClick={() => setAsking('cancel')} data-testid="count-cancel">
        {t('detail.cancel')}
      </Button>
      <Modal
        open={asking !== null}
        onCancel={() => setAsking(null)}
        onOk={act}
        confirmLoading={decide.isPending}
        title={asking ? t(`detail.confirm.${asking}`, { number: count.number }) : ''}
        okText={asking ? t(`detail.${asking}`) : ''}
        okButtonProps={{ danger: asking === 'cancel', 'data-testid': 'count-decision-confirm' }}
        destroyOnHidden
      >
        <p>{asking ? t(`detail.explain.${asking}`) : ''}</p>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={500} placeholder={t('common.notePlaceholder')} />
      </Modal>
    </Flex>
  );
}

export function CountDetail() {
  const { t } = useTranslation('warehouse');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const count = useCount(id);
  const approves = can('stocktaking:approve');
  if (count.isLoading) return <Spin style={{ display: 'block', margin: 60 }} />;
  if (!count.data) return <Result status="404" title={t('detail.notFound')} />;
  const c = count.data;
  const open = c.status === 'counting' || c.status === 'submitted';

  return (
    <Flex vertical gap={16} data-testid="count-detail">
      <Card
        size="small"
        title={
          <Flex gap={10} align="center" style={{ padding: '8px 0' }}>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common:actions.back')} onClick={() => navigate('/console/warehouse/counts')} />
            <span>{t('detail.title', { number: c.number })}</span>
            <Tag color={countStatusColors[c.status]} data-testid="count-status" data-status={c.status}>
              {t(`counts.statuses.${c.status}`)}
            </Tag>
          </Flex>
        }
        extra={approves && open ? <ManagerActions count={c} /> : null}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('counts.scope')}>
            <CountScope count={c} />
          </Descriptions.Item>
          <Descriptions.Item label={t('counts.snapshotAt')}>{formatDateTime(c.snapshotAt)}</Descriptions.Item>
          <Descriptions.Item label={t('counts.progress')}>
            <Flex vertical style={{ width: 180 }}>
              <Progress percent={c.progress.lines ? Math.round((c.progress.counted / c.progress.lines) * 100) : 0} size="small" />
              <span>{t('counts.countedOf', { counted: c.progress.counted, lines: c.progress.lines })}</span>
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.people')}>
            <Flex vertical>
              <span>{c.submittedBy ? t('detail.submittedBy', { name: c.submittedBy.name, at: formatDateTime(c.submittedAt) }) : t('detail.notSubmitted')}</span>
              {c.approvedBy ? <span>{t('detail.approvedBy', { name: c.approvedBy.name, at: formatDateTime(c.approvedAt) })}</span> : null}
            </Flex>
          </Descriptions.Item>
          {c.note ? <Descriptions.Item label={t('common.note')}>{c.note}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      {c.status === 'counting' ? <SheetTools count={c} /> : null}
      {c.status === 'submitted' && !approves ? <Alert type="info" showIcon title={t('detail.waitingApproval')} /> : null}
      {c.status === 'cancelled' ? <Alert type="warning" showIcon title={t('detail.cancelled')} /> : null}
      {approves ? <VarianceReportCard count={c} /> : null}
    </Flex>
  );
}
