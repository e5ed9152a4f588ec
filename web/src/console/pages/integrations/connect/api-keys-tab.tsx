/** API keys for the shop's other systems: created with roles, shown once, listed with their last use, revoked. */
import { KeyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { formatDateTime } from '../../../components/format.ts';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/connect-api.ts';
import type { ApiKeyCreatedView, ApiKeyView } from '../api/integrations-types.ts';

const roles = ['admin', 'manager', 'service', 'warehouse', 'finance', 'sales', 'viewer'];

function CreateKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const create = useCreateApiKey();
  const [form] = Form.useForm<{ name: string; roles: string[] }>();
  const [created, setCreated] = useState<ApiKeyCreatedView | null>(null);

  const close = () => {
    setCreated(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={created ? t('apiKeys.createdTitle') : t('apiKeys.addTitle')}
      onCancel={close}
      maskClosable={!created}
      footer={
        created ? (
          <Button type="primary" onClick={close} data-testid="api-key-done">
            {t('apiKeys.savedIt')}
          </Button>
        ) : (
          <Flex gap={8} justify="flex-end">
            <Button onClick={close}>{t('common:actions.cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="api-key-create">
              {t('apiKeys.create')}
            </Button>
          </Flex>
        )
      }
      destroyOnHidden
    >
      {created ? (
        <Flex vertical gap={12} data-testid="api-key-created">
          <Alert type="warning" showIcon title={t('apiKeys.onceWarning')} />
          <Typography.Paragraph
            copyable={{ text: created.key, tooltips: [t('common:actions.copy'), t('common:actions.copied')] }}
            code
            style={{ fontSize: 15, wordBreak: 'break-all', margin: 0 }}
            data-testid="api-key-value"
          >
            {created.key}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('apiKeys.howToUse')}
          </Typography.Text>
        </Flex>
      ) : (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ roles: ['service'] }}
          onFinish={(v) => void create.mutateAsync({ name: v.name.trim(), roles: v.roles }).then(setCreated, (e: unknown) => message.error(errorText(t, e)))}
        >
          <Form.Item name="name" label={t('apiKeys.name')} rules={[{ required: true, whitespace: true, message: t('apiKeys.nameRequired') }]}>
            <Input placeholder={t('apiKeys.namePlaceholder')} maxLength={100} data-testid="api-key-name" />
          </Form.Item>
          <Form.Item name="roles" label={t('apiKeys.roles')} extra={t('apiKeys.rolesHint')} rules={[{ required: true, message: t('apiKeys.rolesRequired') }]}>
            <Select mode="multiple" options={roles.map((r) => ({ value: r, label: t(`console:role.${r}`, { defaultValue: r }) }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function ApiKeysTab() {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);

  return (
    <Card
      title={t('apiKeys.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-add">
          {t('apiKeys.add')}
        </Button>
      }
      data-testid="api-keys-tab"
    >
      <Typography.Paragraph type="secondary">{t('apiKeys.hint')}</Typography.Paragraph>
      <Table<ApiKeyView>
        rowKey="id"
        loading={keys.isLoading}
        dataSource={keys.data?.data ?? []}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('apiKeys.empty') }}
        rowClassName={(k) => (k.revokedAt ? 'rf-row-muted' : '')}
        columns={[
          {
            title: t('apiKeys.name'),
            key: 'name',
            render: (_, k) => (
              <Flex gap={8} align="center">
                <KeyOutlined style={{ color: k.revokedAt ? '#bfbfbf' : '#faad14' }} />
                <div>
                  <Typography.Text strong delete={Boolean(k.revokedAt)}>
                    {k.name}
                  </Typography.Text>
                  <Typography.Text type="secondary" code style={{ display: 'block', fontSize: 12 }}>
                    {k.prefix}…
                  </Typography.Text>
                </div>
              </Flex>
            ),
          },
          {
            title: t('apiKeys.roles'),
            dataIndex: 'roles',
            render: (rs: string[]) => (
              <Flex gap={4} wrap>
                {rs.map((r) => (
                  <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>
                    {t(`console:role.${r}`, { defaultValue: r })}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('apiKeys.created'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t('apiKeys.lastUsed'),
            dataIndex: 'lastUsedAt',
            width: 150,
            render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="secondary">{t('apiKeys.neverUsed')}</Typography.Text>),
          },
          {
            title: t('apiKeys.status'),
            key: 'status',
            width: 170,
            render: (_, k) =>
              k.revokedAt ? (
                <Tag style={{ marginInlineEnd: 0 }}>{t('apiKeys.revokedAt', { time: formatDateTime(k.revokedAt) })}</Tag>
              ) : (
                <Tag color="green" style={{ marginInlineEnd: 0 }}>
                  {t('apiKeys.active')}
                </Tag>
              ),
          },
          {
            title: '',
            key: 'revoke',
            width: 100,
            render: (_, k) =>
              k.revokedAt ? null : (
                <Popconfirm
                  title={t('apiKeys.revokeConfirm', { name: k.name })}
                  description={t('apiKeys.revokeHint')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    void revoke.mutateAsync(k.id).then(
                      () => message.success(t('apiKeys.revoked')),
                      (e: unknown) => message.error(errorText(t, e)),
                    )
                  }
                >
                  <Button size="small" danger icon={<StopOutlined />} data-testid={`api-key-revoke-${k.id}`}>
                    {t('apiKeys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
