/** Recent imports: what, from which file, how many rows and problems, and whether it was committed. */
import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatShortDateTime } from '../../../components/format.ts';
import { useImportHistory } from '../api/imports-api.ts';
import type { ImportBatchRowView } from '../api/integrations-types.ts';

export function ImportHistory({ onOpen }: { onOpen: (row: ImportBatchRowView) => void }) {
  const { t } = useTranslation('integrations');
  const history = useImportHistory();
  return (
    <Card title={t('imports.history')} styles={{ body: { paddingTop: 8 } }}>
      <Table<ImportBatchRowView>
        rowKey="id"
        size="small"
        loading={history.isLoading}
        dataSource={history.data?.data ?? []}
        pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
        locale={{ emptyText: t('imports.noHistory') }}
        columns={[
          { title: t('imports.at'), dataIndex: 'createdAt', width: 120, render: (v: string) => formatShortDateTime(v) },
          {
            title: t('imports.kind'),
            key: 'kind',
            width: 190,
            render: (_, r) => (
              <>
                {t(`imports.kinds.${r.kind}.title`)}
                {r.platform ? (
                  <Typography.Text type="secondary"> · {t(`imports.platforms.${r.platform}`, { defaultValue: r.platform })}</Typography.Text>
                ) : null}
              </>
            ),
          },
          { title: t('imports.file'), dataIndex: 'fileName', ellipsis: true },
          { title: t('imports.rows'), dataIndex: 'rowCount', width: 90, align: 'right' },
          {
            title: t('imports.problems'),
            dataIndex: 'errorCount',
            width: 100,
            align: 'right',
            render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
          },
          {
            title: t('imports.status'),
            key: 'status',
            width: 200,
            render: (_, r) =>
              r.status === 'committed' ? (
                <Tag color="green">{t('imports.statusCommitted', { created: r.summary.created ?? r.summary.create })}</Tag>
              ) : r.errorCount > 0 ? (
                <Tag color="red">{t('imports.statusProblems')}</Tag>
              ) : (
                <Tag color="blue">{t('imports.statusReady')}</Tag>
              ),
          },
          {
            title: '',
            key: 'open',
            width: 80,
            render: (_, r) => <Typography.Link onClick={() => onOpen(r)}>{t('imports.openBatch')}</Typography.Link>,
          },
        ]}
      />
    </Card>
  );
}
