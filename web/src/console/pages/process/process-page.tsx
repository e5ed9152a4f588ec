/** The process as a picture, live: click a stage to see the returns in it; below, each stage's operating steps. */
import { ApartmentOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ProcessStageView } from '../../api/console-types.ts';
import { useProcess } from '../../api/queries.ts';
import { formatHours } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../session/session.tsx';
import { StageHealthLegend, useStageHealth } from '../analytics/stage-health.tsx';
import { ProcessFlow } from './process-flow.tsx';
import { SopEditor } from './sop-editor.tsx';

export default function ProcessPage() {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const { can } = useSession();
  const navigate = useNavigate();
  const process = useProcess({ live: true });
  const [editing, setEditing] = useState(false);
  const stages = process.data?.stages ?? [];
  const health = useStageHealth();

  return (
    <div data-testid="page-process">
      <PageHeader
        title={t('process.title')}
        subtitle={t('process.subtitle')}
        tags={process.data ? <Tag>{t('process.version', { version: process.data.version })}</Tag> : null}
        extra={
          can('policy:write') ? (
            <>
              <Button type="primary" icon={<ApartmentOutlined />} onClick={() => navigate('/console/process/design')} data-testid="process-design">
                {t('processDesigner.open')}
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="process-edit">
                {t('process.edit')}
              </Button>
            </>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 8 } }}>
        {process.data ? (
          <>
            <ProcessFlow stages={stages} health={health} onOpen={(code) => navigate(`/console/returns?stage=${code}&sort=due`)} />
            <StageHealthLegend health={health} />
          </>
        ) : (
          <Skeleton active />
        )}
      </Card>
      <Card title={t('process.sopTitle')} styles={{ body: { paddingTop: 0 } }}>
        <Table<ProcessStageView>
          rowKey="code"
          size="middle"
          pagination={false}
          dataSource={stages}
          columns={[
            {
              title: t('process.stage'),
              key: 'stage',
              width: 150,
              render: (_, s) => (
                <div>
                  <Typography.Text strong>{labels.english ? s.nameEn : s.name}</Typography.Text>
                  {!s.enabled ? <Tag style={{ marginInlineStart: 6 }}>{t('process.disabled')}</Tag> : null}
                </div>
              ),
            },
            { title: t('process.owner'), dataIndex: 'ownerRole', width: 110, render: (r: string) => <Tag>{labels.role(r)}</Tag> },
            {
              title: t('process.limitCol'),
              dataIndex: 'timeLimitHours',
              width: 110,
              render: (h: number | null) => (h ? formatHours(h, t) : <Typography.Text type="secondary">{t('process.none')}</Typography.Text>),
            },
            {
              title: t('process.steps'),
              key: 'steps',
              render: (_, s) => (
                <ol style={{ margin: 0, paddingInlineStart: 18 }}>
                  {(labels.english ? s.stepsEn : s.steps).map((step) => (
                    <li key={step}>{step}</li>
                  ))}
                </ol>
              ),
            },
          ]}
        />
      </Card>
      {process.data && editing ? <SopEditor open stages={stages} automations={process.data.automations} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
