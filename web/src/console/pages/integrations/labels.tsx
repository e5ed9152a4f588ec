/** Names and marks shared by the notices and integrations pages: events, channels, delivery states. */
import {
  BellOutlined,
  CheckCircleFilled,
  ClockCircleFilled,
  CloseCircleFilled,
  DingtalkOutlined,
  MailOutlined,
  MessageOutlined,
  WechatOutlined,
  WechatWorkOutlined,
} from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const channels = ['sms', 'email', 'wechat_mp', 'in_app', 'wecom_robot', 'dingtalk_robot'] as const;

const channelIcons: Record<string, ReactNode> = {
  sms: <MessageOutlined style={{ color: '#1677ff' }} />,
  email: <MailOutlined style={{ color: '#722ed1' }} />,
  wechat_mp: <WechatOutlined style={{ color: '#07c160' }} />,
  in_app: <BellOutlined style={{ color: '#fa8c16' }} />,
  wecom_robot: <WechatWorkOutlined style={{ color: '#2b7de9' }} />,
  dingtalk_robot: <DingtalkOutlined style={{ color: '#1677ff' }} />,
};

/** An icon for a channel. */
export function ChannelIcon({ channel }: { channel: string }) {
  return <>{channelIcons[channel] ?? <BellOutlined />}</>;
}

/** Event and channel names in the interface language. */
export function useNoticeLabels() {
  const { t } = useTranslation('integrations');
  return {
    event: (type: string) => t(`events.${type}`, { defaultValue: type }),
    channel: (channel: string) => t(`channels.${channel}`, { defaultValue: channel }),
    /** A staff inbox recipient ("role:warehouse") or a person's address. */
    recipient: (recipient: string) =>
      recipient.startsWith('role:') ? t('log.toRole', { role: t(`console:role.${recipient.slice(5)}`, { defaultValue: recipient.slice(5) }) }) : recipient,
  };
}

const statusColors: Record<string, string> = { sent: 'success', pending: 'processing', failed: 'error', delivered: 'success' };
const statusIcons: Record<string, ReactNode> = {
  sent: <CheckCircleFilled />,
  delivered: <CheckCircleFilled />,
  pending: <ClockCircleFilled />,
  failed: <CloseCircleFilled />,
};

/** A delivery's state (notice or webhook) as a coloured tag; the last error as its tooltip. */
export function DeliveryStatusTag({ status, error }: { status: string; error?: string | null | undefined }) {
  const { t } = useTranslation('integrations');
  const tag = (
    <Tag color={statusColors[status] ?? 'default'} icon={statusIcons[status]} style={{ marginInlineEnd: 0 }} data-delivery-status={status}>
      {t(`status.${status}`, { defaultValue: status })}
    </Tag>
  );
  return error ? <Tooltip title={error}>{tag}</Tooltip> : tag;
}
