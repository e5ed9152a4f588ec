/** Pieces the channel cards share: where a setting comes from, a secret field, and a test send. */
import { CheckCircleFilled, CloseCircleFilled, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { secretMask } from '../api/integrations-types.ts';
import { type TestResult, useTestChannel } from '../api/notices-api.ts';

/** "From the environment" until an admin saves the setting here. */
export function SourceTag({ source }: { source: 'database' | 'environment' | undefined }) {
  const { t } = useTranslation('integrations');
  return source === 'environment' ? (
    <Tooltip title={t('channels.fromEnvHint')}>
      <Tag style={{ marginInlineEnd: 0 }}>{t('channels.fromEnv')}</Tag>
    </Tooltip>
  ) : (
    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
      {t('channels.fromConsole')}
    </Tag>
  );
}

/** A write-only secret: empty means "keep what is stored"; the stored value is never shown. */
export function SecretItem({ name, label, stored, testId }: { name: string | string[]; label: string; stored: string; testId?: string }) {
  const { t } = useTranslation('integrations');
  const isSet = stored === secretMask;
  return (
    <Form.Item name={name} label={label} extra={isSet ? t('channels.secretKept') : undefined}>
      <Input.Password
        autoComplete="new-password"
        placeholder={isSet ? t('channels.secretSetPlaceholder') : t('channels.secretPlaceholder')}
        data-testid={testId}
      />
    </Form.Item>
  );
}

/** Removes empty secrets from a body so the stored ones are kept. */
export function withoutEmpty<T extends Record<string, unknown>>(value: T, fields: (keyof T)[]): T {
  const copy = { ...value };
  for (const field of fields) if (!copy[field]) delete copy[field];
  return copy;
}

/** The outcome of a test send, in words. */
export function TestOutcome({ result }: { result: TestResult | null }) {
  const { t } = useTranslation('integrations');
  if (!result) return null;
  return result.ok ? (
    <Alert
      type="success"
      showIcon
      icon={<CheckCircleFilled />}
      title={t('channels.testOk', { provider: result.provider ?? '' })}
      style={{ marginTop: 12 }}
      data-testid="test-ok"
    />
  ) : (
    <Alert
      type="error"
      showIcon
      icon={<CloseCircleFilled />}
      title={t('channels.testFailed')}
      description={result.error && /is not configured/.test(result.error) ? t('channels.notConfigured') : (result.error ?? undefined)}
      style={{ marginTop: 12 }}
      data-testid="test-failed"
    />
  );
}

/** A recipient box and a button that sends a sample notice through a channel now. */
export function TestSend({ channel, placeholder }: { channel: 'sms' | 'email' | 'wechat_mp'; placeholder: string }) {
  const { t, i18n } = useTranslation('integrations');
  const test = useTestChannel();
  const [to, setTo] = useState('');
  const [result, setResult] = useState<TestResult | null>(null);
  return (
    <div style={{ borderTop: '1px dashed #e6ebf2', paddingTop: 12 }}>
      <Flex gap={8} align="center" wrap>
        <Space.Compact style={{ flex: 1, minWidth: 260 }}>
          <Input value={to} onChange={(e) => setTo(e.target.value)} placeholder={placeholder} data-testid={`test-to-${channel}`} />
          <Button
            icon={<SendOutlined />}
            disabled={to.trim().length < 3}
            loading={test.isPending}
            data-testid={`test-send-${channel}`}
            onClick={() =>
              void test
                .mutateAsync({ channel, to: to.trim(), locale: i18n.language === 'en' ? 'en' : 'zh-CN' })
                .then(setResult, (error: unknown) => setResult({ ok: false, error: errorText(t, error) }))
            }
          >
            {t('channels.testSend')}
          </Button>
        </Space.Compact>
      </Flex>
      <TestOutcome result={result} />
    </div>
  );
}
