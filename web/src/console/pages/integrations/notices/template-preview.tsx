/** A template rendered with a sample return: the SMS / WeChat text as a phone shows it, and the email as the customer reads it. */
import { EyeOutlined, MailOutlined, MessageOutlined } from '@ant-design/icons';
import { Alert, Card, Collapse, Descriptions, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import type { TemplateKey, TemplateText } from '../api/integrations-types.ts';
import { useTemplatePreview } from '../api/notices-api.ts';

/** How many SMS a text costs: 70 characters fit one, longer ones go in parts of 67. */
function smsParts(text: string): number {
  const length = [...text].length;
  return length <= 70 ? 1 : Math.ceil(length / 67);
}

export function TemplatePreview({ templateKey, draft, audience }: { templateKey: TemplateKey; draft: TemplateText; audience: 'customer' | 'staff' }) {
  const { t } = useTranslation('integrations');
  const preview = useTemplatePreview(templateKey, draft);
  const p = preview.data;

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <EyeOutlined />
          {t('templates.preview')}
          {preview.isFetching ? <Spin size="small" /> : null}
        </Flex>
      }
      styles={{ body: { background: '#f6f8fb' } }}
      data-testid="template-preview"
    >
      {preview.error ? <Alert type="error" showIcon title={errorText(t, preview.error)} style={{ marginBottom: 12 }} /> : null}
      {!p ? (
        <Spin />
      ) : (
        <Flex vertical gap={12}>
          <div>
            <Flex gap={6} align="center" style={{ marginBottom: 6 }}>
              <MessageOutlined style={{ color: '#1677ff' }} />
              <Typography.Text strong>{audience === 'customer' ? t('templates.previewSms') : t('templates.previewChat')}</Typography.Text>
              {audience === 'customer' ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('templates.smsParts', { length: [...p.short].length, count: smsParts(p.short) })}
                </Typography.Text>
              ) : null}
            </Flex>
            <div
              style={{
                background: '#fff',
                borderRadius: '4px 14px 14px 14px',
                padding: '10px 14px',
                boxShadow: '0 1px 2px rgba(15,27,61,0.08)',
                maxWidth: 420,
                wordBreak: 'break-all',
                lineHeight: 1.6,
              }}
              data-testid="preview-short"
            >
              {audience === 'staff' ? (
                <Typography.Text strong style={{ display: 'block' }}>
                  {p.subject}
                </Typography.Text>
              ) : null}
              {p.short}
            </div>
          </div>
          <div>
            <Flex gap={6} align="center" style={{ marginBottom: 6 }}>
              <MailOutlined style={{ color: '#722ed1' }} />
              <Typography.Text strong>{t('templates.previewEmail')}</Typography.Text>
            </Flex>
            <div style={{ background: '#fff', borderRadius: 8, border: '1px solid #e6ebf2', overflow: 'hidden' }}>
              <div style={{ padding: '8px 12px', borderBottom: '1px solid #f0f0f0', background: '#fafbfc' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('templates.subject')}
                </Typography.Text>
                <div style={{ fontWeight: 600 }} data-testid="preview-subject">
                  {p.subject}
                </div>
              </div>
              <iframe title={t('templates.previewEmail')} sandbox="" srcDoc={p.html} style={{ width: '100%', height: 220, border: 0, display: 'block' }} />
            </div>
          </div>
          <Collapse
            size="small"
            ghost
            items={[
              {
                key: 'sample',
                label: <Typography.Text type="secondary">{t('templates.sampleData')}</Typography.Text>,
                children: (
                  <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
                    {Object.entries(p.variables)
                      .filter(([, value]) => value !== '')
                      .map(([name, value]) => (
                        <Descriptions.Item key={name} label={t(`variables.${name}`, { defaultValue: name })}>
                          <Typography.Text style={{ wordBreak: 'break-all' }}>{value}</Typography.Text>
                        </Descriptions.Item>
                      ))}
                  </Descriptions>
                ),
              },
            ]}
          />
        </Flex>
      )}
    </Card>
  );
}
