/** Every published version, who published it and when, and what it changed (the audit in words). */
import { Card, Collapse, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePolicyChanges, usePolicyVersions } from '../../api/policy-queries.ts';
import { formatDateTime } from '../../components/format.ts';
import { ChangesList } from './changes-list.tsx';

function VersionChanges({ version }: { version: number }) {
  const changes = usePolicyChanges(version);
  if (!changes.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  return <ChangesList changes={changes.data.changes} />;
}

export function VersionHistory() {
  const { t, i18n } = useTranslation('console');
  const versions = usePolicyVersions();
  const [open, setOpen] = useState<string[]>([]);
  if (!versions.data) return <Skeleton active />;
  const newest = versions.data.data[0]?.version;
  return (
    <Card size="small" title={t('policyEditor.history.title')}>
      <Collapse
        data-testid="policy-history"
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
        items={versions.data.data.map((v) => ({
          key: String(v.version),
          label: (
            <Flex gap={12} align="center" wrap>
              <Typography.Text strong>{t('policyEditor.history.version', { version: v.version })}</Typography.Text>
              {v.version === newest ? <Tag color="green">{t('policyEditor.history.current')}</Tag> : null}
              <Typography.Text type="secondary">{formatDateTime(v.createdAt, i18n.language)}</Typography.Text>
              <Typography.Text type="secondary">{v.createdBy.name ?? t(`actor.${v.createdBy.kind}`, { defaultValue: v.createdBy.kind })}</Typography.Text>
            </Flex>
          ),
          children: open.includes(String(v.version)) ? <VersionChanges version={v.version} /> : null,
        }))}
      />
    </Card>
  );
}
