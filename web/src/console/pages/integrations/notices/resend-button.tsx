/** Sends a notice again (the same text, a new attempt in its log). */
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import type { NoticeView } from '../api/integrations-types.ts';
import { useResend } from '../api/notices-api.ts';

/** The resend button of a notice; in-app notices are not sent anywhere, so they cannot be resent. */
export function ResendButton({ notice, size = 'small' }: { notice: Pick<NoticeView, 'id' | 'channel'>; size?: 'small' | 'middle' }) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const resend = useResend();
  const inApp = notice.channel === 'in_app';
  const button = (
    <Button
      size={size}
      icon={<ReloadOutlined />}
      disabled={inApp}
      loading={resend.isPending && resend.variables === notice.id}
      data-testid={`resend-${notice.id}`}
      onClick={() =>
        void resend.mutateAsync(notice.id).then(
          () => message.success(t('log.resent')),
          (error: unknown) => message.error(errorText(t, error)),
        )
      }
    >
      {t('log.resend')}
    </Button>
  );
  return inApp ? <Tooltip title={t('log.inAppNoResend')}>{button}</Tooltip> : button;
}
