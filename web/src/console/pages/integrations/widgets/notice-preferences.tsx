/** A customer's notice preferences on their page: non-essential notices on or off, language, WeChat openid. */
import { WechatOutlined } from '@ant-design/icons';
import { App, Divider, Flex, Input, Segmented, Skeleton, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../api/client.ts';
import { useSession } from '../../../session/session.tsx';
import type { PreferencesBody } from '../api/integrations-types.ts';
import { usePreferences, useSavePreferences } from '../api/notices-api.ts';

export function NoticePreferences({ customerId }: { customerId: string }) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const { can } = useSession();
  const editable = can('customers:write');
  const prefs = usePreferences(customerId);
  const save = useSavePreferences(customerId);
  const [openid, setOpenid] = useState('');
  useEffect(() => setOpenid(prefs.data?.wechatOpenid ?? ''), [prefs.data?.wechatOpenid]);

  const update = (body: PreferencesBody) =>
    void save.mutateAsync(body).then(
      () => message.success(t('preferences.saved')),
      (error: unknown) => message.error(errorText(t, error)),
    );

  return (
    <div data-testid="notice-preferences">
      <Divider titlePlacement="start" plain style={{ margin: '8px 0 12px' }}>
        <Typography.Text type="secondary">{t('preferences.title')}</Typography.Text>
      </Divider>
      {!prefs.data ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : (
        <Flex vertical gap={10}>
          <Flex justify="space-between" align="center" gap={8}>
            <Tooltip title={t('preferences.optionalHint')}>
              <Typography.Text>{t('preferences.optional')}</Typography.Text>
            </Tooltip>
            <Switch
              size="small"
              checked={!prefs.data.optedOut}
              disabled={!editable}
              loading={save.isPending}
              onChange={(on) => update({ optedOut: !on })}
              data-testid="preferences-optional"
            />
          </Flex>
          {prefs.data.optedOut ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="preferences-opted-out">
              {t('preferences.optedOut')}
            </Typography.Text>
          ) : null}
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text>{t('preferences.language')}</Typography.Text>
            <Segmented<'auto' | 'zh-CN' | 'en'>
              size="small"
              disabled={!editable}
              value={prefs.data.locale ?? 'auto'}
              onChange={(v) => update({ locale: v === 'auto' ? null : v })}
              options={[
                { value: 'auto', label: t('preferences.auto') },
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
            />
          </Flex>
          <Input
            size="small"
            prefix={<WechatOutlined style={{ color: '#07c160' }} />}
            placeholder={t('preferences.openidPlaceholder')}
            value={openid}
            disabled={!editable}
            onChange={(e) => setOpenid(e.target.value)}
            onBlur={() => {
              const next = openid.trim() || null;
              if (next !== (prefs.data?.wechatOpenid ?? null)) update({ wechatOpenid: next });
            }}
          />
          {can('notifications:read') ? (
            <Link to={`/console/notices?tab=log&customerId=${customerId}`} style={{ fontSize: 12 }} data-testid="preferences-log">
              {t('preferences.openLog')}
            </Link>
          ) : null}
        </Flex>
      )}
    </div>
  );
}
