/** WeChat Work and DingTalk group robots: a group chat hears the events it subscribes to ("3 returns arrived"). */
import { DeleteOutlined, DingtalkOutlined, EditOutlined, PlusOutlined, SendOutlined, WechatWorkOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import type { RobotView } from '../api/integrations-types.ts';
import { useDeleteRobot, useRobots, useSaveRobot, useTestRobot } from '../api/notices-api.ts';
import { useNoticeLabels } from '../labels.tsx';
import { RobotDialog } from './robot-dialog.tsx';

export function RobotsTab() {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const labels = useNoticeLabels();
  const robots = useRobots();
  const save = useSaveRobot();
  const remove = useDeleteRobot();
  const test = useTestRobot();
  const [editing, setEditing] = useState<RobotView | 'new' | null>(null);

  return (
    <Card
      title={t('robots.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="robot-add">
          {t('robots.add')}
        </Button>
      }
      data-testid="robots-tab"
    >
      <Typography.Paragraph type="secondary">{t('robots.hint')}</Typography.Paragraph>
      <Table<RobotView>
        rowKey="id"
        loading={robots.isLoading}
        dataSource={robots.data?.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('robots.empty') }}
        columns={[
          {
            title: t('robots.name'),
            key: 'name',
            render: (_, r) => (
              <Flex gap={8} align="center">
                {r.kind === 'wecom' ? (
                  <WechatWorkOutlined style={{ color: '#2b7de9', fontSize: 18 }} />
                ) : (
                  <DingtalkOutlined style={{ color: '#1677ff', fontSize: 18 }} />
                )}
                <div>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t(`robots.kinds.${r.kind}`)}
                    {r.hasSecret ? ` · ${t('robots.signed')}` : ''}
                  </Typography.Text>
                </div>
              </Flex>
            ),
          },
          {
            title: t('robots.events'),
            key: 'events',
            render: (_, r) => (
              <Flex gap={4} wrap>
                {r.events.map((e) => (
                  <Tag key={e} style={{ marginInlineEnd: 0 }}>
                    {e === '*' ? t('robots.allEvents') : labels.event(e)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('robots.digest'),
            dataIndex: 'digestSeconds',
            width: 120,
            render: (v: number) => (v > 0 ? t('robots.digestSeconds', { count: v }) : t('robots.noDigest')),
          },
          { title: t('robots.language'), dataIndex: 'locale', width: 90, render: (v: string) => t(`common:languageName.${v}`) },
          {
            title: t('robots.active'),
            dataIndex: 'active',
            width: 80,
            render: (v: boolean, r) => (
              <Switch
                size="small"
                checked={v}
                onChange={(active) => void save.mutateAsync({ id: r.id, body: { active } }).catch((e: unknown) => message.error(errorText(t, e)))}
              />
            ),
          },
          {
            title: t('robots.actions'),
            key: 'actions',
            width: 210,
            render: (_, r) => (
              <Flex gap={4}>
                <Tooltip title={t('robots.testHint')}>
                  <Button
                    size="small"
                    icon={<SendOutlined />}
                    loading={test.isPending && test.variables === r.id}
                    onClick={() =>
                      void test.mutateAsync(r.id).then(
                        (result) => (result.ok ? message.success(t('robots.testOk')) : message.error(t('robots.testFailed', { error: result.error ?? '' }))),
                        (e: unknown) => message.error(errorText(t, e)),
                      )
                    }
                  >
                    {t('robots.test')}
                  </Button>
                </Tooltip>
                <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('robots.edit')} />
                <Popconfirm title={t('robots.deleteConfirm', { name: r.name })} onConfirm={() => void remove.mutateAsync(r.id)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('robots.delete')} />
                </Popconfirm>
              </Flex>
            ),
          },
        ]}
      />
      <RobotDialog
        robot={editing === 'new' ? null : editing}
        open={editing !== null}
        busy={save.isPending}
        onCancel={() => setEditing(null)}
        onSubmit={(body) =>
          void save.mutateAsync({ id: editing && editing !== 'new' ? editing.id : null, body }).then(
            () => {
              message.success(t('robots.saved'));
              setEditing(null);
            },
            (e: unknown) => message.error(errorText(t, e)),
          )
        }
      />
    </Card>
  );
}
