/** Channel settings: the shop's name in notices and how a customer is reached, then each channel with a test send. */
import { SaveOutlined, ShopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Form, Input, Radio, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import type { SettingsView } from '../api/integrations-types.ts';
import { useNoticeSettings, useSaveSetting } from '../api/notices-api.ts';
import { EmailCard, SmsCard, WechatCard } from './channel-cards.tsx';
import { SourceTag } from './setting-parts.tsx';

function GeneralCard({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const save = useSaveSetting('general');
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <ShopOutlined />
          {t('channels.general')}
        </Flex>
      }
      extra={<SourceTag source={settings.source.general} />}
    >
      <Form
        layout="inline"
        initialValues={settings.general}
        onFinish={(v: SettingsView['general']) =>
          void save.mutateAsync(v).then(
            () => message.success(t('channels.saved')),
            (error: unknown) => message.error(errorText(t, error)),
          )
        }
        style={{ rowGap: 12 }}
      >
        <Form.Item name="shopName" label={t('channels.shopName')} rules={[{ required: true, message: t('channels.shopNameRequired') }]}>
          <Input style={{ width: 200 }} maxLength={40} />
        </Form.Item>
        <Form.Item name="customerChannels" label={t('channels.customerChannels')}>
          <Radio.Group
            options={[
              { value: 'first', label: t('channels.firstChannel') },
              { value: 'all', label: t('channels.allChannels') },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
            {t('channels.save')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
        {t('channels.generalHint')}
      </Typography.Paragraph>
    </Card>
  );
}

export function ChannelsTab() {
  const settings = useNoticeSettings();
  if (!settings.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  // Each form is remounted when its own setting changes, so it shows what is stored (and other forms keep their edits).
  const version = (key: 'general' | 'sms' | 'wechat_mp' | 'email') => `${key}-${JSON.stringify(settings.data?.[key])}`;
  return (
    <Flex vertical gap={16} data-testid="channels-tab">
      <GeneralCard key={version('general')} settings={settings.data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12} xxl={8}>
          <SmsCard key={version('sms')} settings={settings.data} />
        </Col>
        <Col xs={24} xl={12} xxl={8}>
          <WechatCard key={version('wechat_mp')} settings={settings.data} />
        </Col>
        <Col xs={24} xl={12} xxl={8}>
          <EmailCard key={version('email')} settings={settings.data} />
        </Col>
      </Row>
    </Flex>
  );
}
