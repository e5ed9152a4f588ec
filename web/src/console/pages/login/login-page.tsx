/** Staff sign-in, with the demo shop's accounts one click away while demo mode is on. */
import { LockOutlined, LoginOutlined, MailOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Flex, Form, Input, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, errorText } from '../../api/client.ts';
import { BrandMark } from '../../layout/brand.tsx';
import { LanguageSwitch } from '../../layout/language-switch.tsx';
import { primaryRole } from '../../session/permissions.ts';
import { useSession } from '../../session/session.tsx';

type DemoLogins = { password: string | null; logins: { email: string; name: string; roles: string[] }[] };
type LoginForm = { email: string; password: string };

export default function LoginPage() {
  const { t } = useTranslation('console');
  const { state, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const demo = useQuery({ queryKey: ['demo-logins'], queryFn: () => api.get<DemoLogins>('console/demo-logins'), staleTime: Number.POSITIVE_INFINITY });
  const next = (location.state as { from?: string } | null)?.from ?? '/console';

  if (state.status === 'signed-in') return <Navigate to={next} replace />;

  async function submit(values: LoginForm) {
    setBusy(true);
    setError(null);
    try {
      await login(values.email.trim(), values.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(errorText(t, e) === t('common:error.unauthenticated') ? t('login.wrong') : errorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  const demoLogins = demo.data?.logins ?? [];
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 24,
        background: 'linear-gradient(135deg, #0b1f4d 0%, #1d4ed8 55%, #3b82f6 100%)',
      }}
    >
      <Flex gap={32} wrap align="stretch" justify="center" style={{ width: '100%', maxWidth: 980 }}>
        <Flex vertical justify="center" style={{ flex: '1 1 360px', color: '#fff', maxWidth: 440, padding: '12px 0' }}>
          <Flex align="center" gap={12}>
            <BrandMark size={44} />
            <div>
              <div style={{ fontSize: 28, fontWeight: 700 }}>{t('brand.name')}</div>
              <div style={{ opacity: 0.75 }}>{t('brand.product')}</div>
            </div>
          </Flex>
          <Typography.Title level={2} style={{ color: '#fff', marginTop: 36, marginBottom: 12 }}>
            {t('login.headline')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.8)', fontSize: 15 }}>{t('login.pitch')}</Typography.Paragraph>
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {(['review', 'receive', 'refund', 'flow'] as const).map((k) => (
              <Tag key={k} color="rgba(255,255,255,0.15)" style={{ color: '#fff', border: '1px solid rgba(255,255,255,0.35)', padding: '2px 10px' }}>
                {t(`login.feature.${k}`)}
              </Tag>
            ))}
          </Flex>
        </Flex>
        <Card style={{ flex: '1 1 380px', maxWidth: 440, borderRadius: 12 }} styles={{ body: { padding: 32 } }}>
          <Flex justify="space-between" align="center" style={{ marginBottom: 24 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <LanguageSwitch />
          </Flex>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} size="large">
            <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('login.emailRequired') }]}>
              <Input prefix={<MailOutlined />} autoComplete="username" placeholder={t('login.emailPlaceholder')} data-testid="login-email" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} icon={<LoginOutlined />} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          {demoLogins.length > 0 && demo.data?.password ? (
            <>
              <Divider plain>
                <Typography.Text type="secondary">{t('login.demoTitle', { password: demo.data.password })}</Typography.Text>
              </Divider>
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 8 }}>
                {demoLogins.map((item) => (
                  <Tooltip key={item.email} title={item.email}>
                    <Button
                      block
                      style={{ justifyContent: 'flex-start', height: 38 }}
                      loading={busy}
                      onClick={() => {
                        form.setFieldsValue({ email: item.email, password: demo.data?.password ?? '' });
                        void submit({ email: item.email, password: demo.data?.password ?? '' });
                      }}
                      data-testid={`demo-login-${item.email}`}
                    >
                      <Tag color="blue" style={{ marginInlineEnd: 0, minWidth: 52, textAlign: 'center' }}>
                        {t(`role.${primaryRole(item.roles)}`)}
                      </Tag>
                      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{item.name}</span>
                    </Button>
                  </Tooltip>
                ))}
              </div>
            </>
          ) : null}
        </Card>
      </Flex>
    </div>
  );
}
