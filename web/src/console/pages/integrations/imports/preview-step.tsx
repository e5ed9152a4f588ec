/** Step two: every row checked; the problems row by row in the reader's language, the error report, and commit when all is well. */
import { CheckCircleFilled, CloudDownloadOutlined, UploadOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { downloadFile } from '../api/files.ts';
import { useReportLanguage } from '../api/imports-api.ts';
import type { ImportBatchView, ImportProblemView } from '../api/integrations-types.ts';
import { recordColumns } from './record-columns.tsx';

type PreviewRow = ImportBatchView['preview'][number];

export function PreviewStep({ batch, busy, onCommit, onAgain }: { batch: ImportBatchView; busy: boolean; onCommit: () => void; onAgain: () => void }) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const lang = useReportLanguage();
  const hasErrors = batch.errorCount > 0;
  const notes = Object.entries(batch.summary.notes ?? {});

  return (
    <Flex vertical gap={16} data-testid="import-preview">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('imports.rows')} value={batch.rowCount} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('imports.willCreate')} value={batch.summary.create} styles={{ content: { color: '#389e0d' } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('imports.willSkip')} value={batch.summary.skip} />
            {notes.length > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {notes.map(([note, count]) => t(`imports.notes.${note}`, { count, defaultValue: `${note} ${count}` })).join(t('console:sep.list'))}
              </Typography.Text>
            ) : null}
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('imports.problems')} value={batch.errorCount} styles={{ content: { color: hasErrors ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
      </Row>

      {hasErrors ? (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled />}
          title={t('imports.hasProblems', { count: batch.errorCount })}
          description={t('imports.hasProblemsHint')}
          action={
            <Button
              icon={<CloudDownloadOutlined />}
              onClick={() =>
                void downloadFile(`imports/${batch.id}/errors.xlsx?lang=${lang}`, 'errors.xlsx').catch((e: unknown) => message.error(errorText(t, e)))
              }
              data-testid="import-errors-download"
            >
              {t('imports.downloadErrors')}
            </Button>
          }
          data-testid="import-has-problems"
        />
      ) : (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          title={t('imports.allGood', { count: batch.rowCount })}
          description={t('imports.allGoodHint')}
        />
      )}

      {hasErrors ? (
        <Card size="small" title={t('imports.problemList')} styles={{ body: { padding: 0 } }}>
          <Table<ImportProblemView>
            rowKey={(p, i) => `${p.row}-${p.column}-${p.code}-${i}`}
            size="small"
            dataSource={batch.errors}
            pagination={batch.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
            data-testid="import-errors"
            columns={[
              { title: t('imports.row'), dataIndex: 'row', width: 80, render: (v: number | null) => (v === null ? '—' : t('imports.rowN', { n: v })) },
              { title: t('imports.column'), dataIndex: 'column', width: 160, render: (v: string | null) => v ?? '—' },
              { title: t('imports.problem'), dataIndex: 'message', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
            ]}
          />
        </Card>
      ) : null}

      <Card size="small" title={t('imports.previewTitle', { count: batch.preview.length })} styles={{ body: { padding: 0 } }}>
        <Table<PreviewRow>
          rowKey={(r) => `${r.row}`}
          size="small"
          dataSource={batch.preview}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('imports.nothingToImport') }}
          columns={[
            { title: t('imports.row'), dataIndex: 'row', width: 70, render: (v: number) => t('imports.rowN', { n: v }) },
            {
              title: t('imports.action'),
              key: 'action',
              width: 110,
              render: (_, r) =>
                r.action === 'create' ? (
                  <Tag color="green">{t('imports.create')}</Tag>
                ) : (
                  <Tag>{r.note ? t(`imports.skipBecause.${r.note}`, { defaultValue: t('imports.skip') }) : t('imports.skip')}</Tag>
                ),
            },
            ...recordColumns<PreviewRow>(batch.kind, t),
          ]}
        />
      </Card>

      <Flex gap={8} justify="flex-end">
        <Button icon={<UploadOutlined />} onClick={onAgain} data-testid="import-again">
          {hasErrors ? t('imports.uploadFixed') : t('imports.uploadOther')}
        </Button>
        <Popconfirm
          title={t('imports.commitConfirm', { count: batch.summary.create })}
          description={t('imports.commitConfirmHint')}
          onConfirm={onCommit}
          disabled={!batch.canCommit}
          okButtonProps={{ 'data-testid': 'import-commit-ok' }}
        >
          <Button type="primary" disabled={!batch.canCommit} loading={busy} data-testid="import-commit">
            {t('imports.commit')}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}
