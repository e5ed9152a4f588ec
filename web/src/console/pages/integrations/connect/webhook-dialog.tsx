/** A new webhook: the URL, the events it hears, and the secret that signs each delivery. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookBody } from '../api/connect-api.ts';
import { useNoticeLabels } from '../labels.tsx';
import { webhookEvents } from '../notice-events.ts';

/** A random signing secret (whsec_ and 32 hex characters). */
function newSecret(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function WebhookDialog({
  open,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: WebhookBody) => void;
}) {
  const { t } = useTranslation('integrations');
  const labels = useNoticeLabels();
  const [form] = Form.useForm<{ url: string; events: string[]; secret: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ url: '', events: ['return.created', 'return.approved', 'return.received', 'return.refunded'], secret: newSecret() });
  }, [open, form]);

  return (
    <Modal
      open={open}
      title={t('webhooks.addTitle')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('webhooks.create')}
      confirmLoading={busy}
      width={620}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onSubmit({ url: v.url.trim(), events: v.events, secret: v.secret })}>
        <Form.Item name="url" label={t('webhooks.url')} rules={[{ required: true, type: 'url', message: t('webhooks.urlInvalid') }]}>
          <Input placeholder="https://erp.example.com/hooks/returnflow" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="events" label={t('webhooks.events')} rules={[{ required: true, message: t('webhooks.eventsRequired') }]}>
          <Select
            mode="multiple"
            options={[{ value: '*', label: t('webhooks.allEvents') }, ...webhookEvents.map((e) => ({ value: e, label: `${labels.event(e)}  ${e}` }))]}
            data-testid="webhook-events"
          />
        </Form.Item>
        <Form.Item label={t('webhooks.secret')} extra={t('webhooks.secretHint')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="secret" noStyle rules={[{ required: true, min: 8, message: t('webhooks.secretTooShort') }]}>
              <Input style={{ fontFamily: 'monospace' }} data-testid="webhook-secret" />
            </Form.Item>
            <Button icon={<ReloadOutlined />} onClick={() => form.setFieldValue('secret', newSecret())}>
              {t('webhooks.newSecret')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
          {t('webhooks.signatureHint')}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
