/** Adding or changing a group robot: its webhook address, DingTalk signing secret, the events it hears, and the digest window. */
import { Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type RobotBody, type RobotView, secretMask } from '../api/integrations-types.ts';
import { useNoticeLabels } from '../labels.tsx';
import { staffNoticeEvents } from '../notice-events.ts';

type Values = {
  name: string;
  kind: 'wecom' | 'dingtalk';
  webhookUrl: string;
  secret: string;
  events: string[];
  locale: 'zh-CN' | 'en';
  digestSeconds: number;
  active: boolean;
};

export function RobotDialog({
  robot,
  open,
  busy,
  onCancel,
  onSubmit,
}: {
  robot: RobotView | null;
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: Partial<RobotBody>) => void;
}) {
  const { t } = useTranslation('integrations');
  const labels = useNoticeLabels();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      robot
        ? { ...robot, secret: '' }
        : {
            name: '',
            kind: 'wecom',
            webhookUrl: '',
            secret: '',
            events: ['return.received', 'return.arriving'],
            locale: 'zh-CN',
            digestSeconds: 60,
            active: true,
          },
    );
  }, [open, robot, form]);

  function submit(v: Values) {
    const body: Partial<RobotBody> = { name: v.name, kind: v.kind, events: v.events, locale: v.locale, digestSeconds: v.digestSeconds, active: v.active };
    // The URL is shown with its key masked: unchanged, it is left out so the stored one is kept.
    if (!robot || (v.webhookUrl !== robot.webhookUrl && !v.webhookUrl.includes(secretMask))) body.webhookUrl = v.webhookUrl.trim();
    if (v.kind === 'dingtalk' && v.secret) body.secret = v.secret;
    if (v.kind === 'wecom' && robot?.hasSecret) body.secret = null;
    onSubmit(body);
  }

  return (
    <Modal
      open={open}
      title={robot ? t('robots.editTitle', { name: robot.name }) : t('robots.addTitle')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      confirmLoading={busy}
      width={600}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="name" label={t('robots.name')} rules={[{ required: true, message: t('robots.nameRequired') }]}>
          <Input placeholder={t('robots.namePlaceholder')} maxLength={60} data-testid="robot-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('robots.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'wecom', label: t('robots.kinds.wecom') },
              { value: 'dingtalk', label: t('robots.kinds.dingtalk') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="webhookUrl"
          label={t('robots.webhookUrl')}
          extra={kind === 'dingtalk' ? t('robots.dingtalkUrlHint') : t('robots.wecomUrlHint')}
          rules={[{ required: true, type: 'url', message: t('robots.urlInvalid') }]}
        >
          <Input
            placeholder={kind === 'dingtalk' ? 'https://oapi.dingtalk.com/robot/send?access_token=…' : 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'}
            data-testid="robot-url"
          />
        </Form.Item>
        {kind === 'dingtalk' ? (
          <Form.Item name="secret" label={t('robots.secret')} extra={robot?.hasSecret ? t('channels.secretKept') : t('robots.secretHint')}>
            <Input.Password autoComplete="new-password" placeholder="SEC…" />
          </Form.Item>
        ) : null}
        <Form.Item name="events" label={t('robots.events')} rules={[{ required: true, message: t('robots.eventsRequired') }]}>
          <Select
            mode="multiple"
            options={[{ value: '*', label: t('robots.allEvents') }, ...staffNoticeEvents.map((e) => ({ value: e, label: labels.event(e) }))]}
            data-testid="robot-events"
          />
        </Form.Item>
        <Form.Item name="digestSeconds" label={t('robots.digest')} extra={t('robots.digestHint')}>
          <InputNumber min={0} max={3600} suffix={t('robots.seconds')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="locale" label={t('robots.language')}>
          <Radio.Group
            options={[
              { value: 'zh-CN', label: t('common:languageName.zh-CN') },
              { value: 'en', label: t('common:languageName.en') },
            ]}
          />
        </Form.Item>
        <Form.Item name="active" label={t('robots.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
