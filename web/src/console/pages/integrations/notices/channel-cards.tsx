/** The customer channels in the order Chinese customers expect them: SMS (Aliyun or Tencent), WeChat Official Account, email over SMTP. */
import { MailOutlined, MessageOutlined, SaveOutlined, WechatOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Collapse, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import type { SettingKey, SettingsView } from '../api/integrations-types.ts';
import { useSaveSetting } from '../api/notices-api.ts';
import { useNoticeLabels } from '../labels.tsx';
import { customerNoticeEvents } from '../notice-events.ts';
import { SecretItem, SourceTag, TestSend, withoutEmpty } from './setting-parts.tsx';

type CardProps = { settings: SettingsView };

/** Saves one setting and says so. */
function useSaver<K extends SettingKey>(key: K) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const save = useSaveSetting(key);
  return {
    busy: save.isPending,
    run: async (body: Partial<SettingsView[K]>) => {
      try {
        await save.mutateAsync(body);
        message.success(t('channels.saved'));
      } catch (error) {
        message.error(errorText(t, error));
      }
    },
  };
}

function ChannelCard({
  icon,
  title,
  source,
  children,
  testId,
}: {
  icon: ReactNode;
  title: string;
  source: 'database' | 'environment' | undefined;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {icon}
          {title}
        </Flex>
      }
      extra={<SourceTag source={source} />}
      style={{ height: '100%' }}
      data-testid={testId}
    >
      {children}
    </Card>
  );
}

/** Per-event codes (Aliyun/Tencent template codes, WeChat template ids); empty events use the default. */
function EventCodes({ field, placeholder }: { field: string; placeholder: string }) {
  const labels = useNoticeLabels();
  return (
    <Row gutter={[12, 0]}>
      {customerNoticeEvents.map((event) => (
        <Col span={12} key={event}>
          <Form.Item name={[field, event]} label={labels.event(event)} style={{ marginBottom: 8 }}>
            <Input placeholder={placeholder} size="small" />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

const compact = (codes: Record<string, string | undefined> | undefined) =>
  Object.fromEntries(Object.entries(codes ?? {}).flatMap(([k, v]) => (v?.trim() ? [[k, v.trim()]] : [])));

export function SmsCard({ settings }: CardProps) {
  const { t } = useTranslation('integrations');
  const [form] = Form.useForm();
  const provider = Form.useWatch('provider', form) ?? settings.sms.provider;
  const saver = useSaver('sms');
  const sms = settings.sms;
  const initial = {
    ...sms,
    aliyun: { ...sms.aliyun, accessKeySecret: '' },
    tencent: { ...sms.tencent, secretKey: '' },
  };
  return (
    <ChannelCard icon={<MessageOutlined style={{ color: '#1677ff' }} />} title={t('channels.sms')} source={settings.source.sms} testId="channel-sms">
      <Typography.Paragraph type="secondary">{t('channels.smsHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        // The whole store, with fields of closed panels and of the other vendor as they were.
        onFinish={() => {
          const v = form.getFieldsValue(true) as typeof initial;
          void saver.run({
            provider: v.provider,
            signName: v.signName,
            defaultTemplateCode: v.defaultTemplateCode,
            templateCodes: compact(v.templateCodes),
            templateParams: v.templateParams,
            ...(v.provider === 'aliyun' ? { aliyun: withoutEmpty(v.aliyun, ['accessKeySecret']) } : {}),
            ...(v.provider === 'tencent' ? { tencent: withoutEmpty(v.tencent, ['secretKey']) } : {}),
          });
        }}
      >
        <Form.Item name="provider" label={t('channels.smsProvider')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'none', label: t('channels.providers.none') },
              { value: 'aliyun', label: t('channels.providers.aliyun') },
              { value: 'tencent', label: t('channels.providers.tencent') },
            ]}
          />
        </Form.Item>
        {provider === 'none' ? null : (
          <>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="signName" label={t('channels.signName')} extra={t('channels.signNameHint')}>
                  <Input placeholder="退货通" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="defaultTemplateCode" label={t('channels.defaultTemplateCode')} extra={t('channels.defaultTemplateCodeHint')}>
                  <Input placeholder={provider === 'aliyun' ? 'SMS_123456789' : '1234567'} />
                </Form.Item>
              </Col>
            </Row>
            {provider === 'aliyun' ? (
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name={['aliyun', 'accessKeyId']} label="AccessKey ID">
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <SecretItem name={['aliyun', 'accessKeySecret']} label="AccessKey Secret" stored={sms.aliyun.accessKeySecret} />
                </Col>
              </Row>
            ) : (
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name={['tencent', 'sdkAppId']} label="SdkAppId">
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={['tencent', 'secretId']} label="SecretId">
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <SecretItem name={['tencent', 'secretKey']} label="SecretKey" stored={sms.tencent.secretKey} />
                </Col>
              </Row>
            )}
            <Collapse
              size="small"
              style={{ marginBottom: 16 }}
              items={[
                {
                  key: 'more',
                  label: t('channels.smsAdvanced'),
                  children: (
                    <>
                      <Form.Item name="templateParams" label={t('channels.templateParams')} extra={t('channels.templateParamsHint')}>
                        <Select mode="tags" tokenSeparators={[',', ' ']} />
                      </Form.Item>
                      <Row gutter={12}>
                        <Col span={12}>
                          <Form.Item name={[provider, provider === 'aliyun' ? 'regionId' : 'region']} label={t('channels.region')}>
                            <Input />
                          </Form.Item>
                        </Col>
                        <Col span={12}>
                          <Form.Item name={[provider, 'endpoint']} label={t('channels.endpoint')}>
                            <Input />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
                        {t('channels.perEventCodes')}
                      </Typography.Text>
                      <EventCodes field="templateCodes" placeholder={t('channels.useDefault')} />
                    </>
                  ),
                },
              ]}
            />
          </>
        )}
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saver.busy} style={{ marginBottom: 16 }}>
          {t('channels.save')}
        </Button>
      </Form>
      {provider === 'none' ? null : <TestSend channel="sms" placeholder={t('channels.testPhone')} />}
    </ChannelCard>
  );
}

export function EmailCard({ settings }: CardProps) {
  const { t } = useTranslation('integrations');
  const saver = useSaver('email');
  return (
    <ChannelCard icon={<MailOutlined style={{ color: '#722ed1' }} />} title={t('channels.email')} source={settings.source.email} testId="channel-email">
      <Typography.Paragraph type="secondary">{t('channels.emailHint')}</Typography.Paragraph>
      <Form
        layout="vertical"
        initialValues={settings.email}
        onFinish={(v: SettingsView['email']) => void saver.run({ smtpUrl: v.smtpUrl.trim(), from: v.from })}
      >
        <Form.Item name="smtpUrl" label={t('channels.smtpUrl')} extra={t('channels.smtpUrlHint')}>
          <Input placeholder="smtps://notice%40shop.cn:password@smtp.exmail.qq.com:465" data-testid="smtp-url" />
        </Form.Item>
        <Form.Item name="from" label={t('channels.from')}>
          <Input placeholder="退货通 <notice@shop.cn>" data-testid="smtp-from" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saver.busy} style={{ marginBottom: 16 }} data-testid="save-email">
          {t('channels.save')}
        </Button>
      </Form>
      <TestSend channel="email" placeholder={t('channels.testEmail')} />
    </ChannelCard>
  );
}

export function WechatCard({ settings }: CardProps) {
  const { t } = useTranslation('integrations');
  const [form] = Form.useForm();
  const saver = useSaver('wechat_mp');
  const w = settings.wechat_mp;
  const initial = { ...w, appSecret: '' };
  return (
    <ChannelCard icon={<WechatOutlined style={{ color: '#07c160' }} />} title={t('channels.wechat')} source={settings.source.wechat_mp} testId="channel-wechat">
      <Typography.Paragraph type="secondary">{t('channels.wechatHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() => {
          const v = form.getFieldsValue(true) as typeof initial;
          void saver.run({
            ...withoutEmpty({ appId: v.appId, appSecret: v.appSecret }, ['appSecret']),
            apiBase: v.apiBase,
            templateIds: compact(v.templateIds),
          });
        }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="appId" label="AppID">
              <Input placeholder="wx0123456789abcdef" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <SecretItem name="appSecret" label="AppSecret" stored={w.appSecret} />
          </Col>
        </Row>
        <Collapse
          size="small"
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'ids',
              label: t('channels.wechatTemplates'),
              children: (
                <>
                  <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
                    {t('channels.wechatTemplatesHint')}
                  </Typography.Text>
                  <EventCodes field="templateIds" placeholder={t('channels.templateIdPlaceholder')} />
                  <Form.Item name="apiBase" label={t('channels.endpoint')}>
                    <Input />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saver.busy} style={{ marginBottom: 16 }}>
          {t('channels.save')}
        </Button>
      </Form>
      <TestSend channel="wechat_mp" placeholder={t('channels.testOpenid')} />
    </ChannelCard>
  );
}
