/** The bell in the header: how many in-app notices the user has not read, and the inbox drawer behind it. */
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, Grid, Segmented, Skeleton, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatShortDateTime } from '../../../components/format.ts';
import type { InboxItemView } from '../api/integrations-types.ts';
import { useInbox, useMarkRead, useUnreadCount } from '../api/notices-api.ts';

function InboxItem({ item, onOpen }: { item: InboxItemView; onOpen: (item: InboxItemView) => void }) {
  const { t } = useTranslation('integrations');
  return (
    <button
      type="button"
      onClick={() => onOpen(item)}
      data-testid="inbox-item"
      data-read={item.read}
      style={{
        all: 'unset',
        boxSizing: 'border-box',
        display: 'block',
        width: '100%',
        cursor: 'pointer',
        padding: '12px 16px',
        borderBottom: '1px solid #f0f0f0',
        background: item.read ? '#fff' : '#f0f7ff',
      }}
    >
      <Flex gap={10} align="flex-start">
        <Badge status={item.read ? 'default' : 'processing'} style={{ marginTop: 6 }} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text strong={!item.read}>{item.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {formatShortDateTime(item.createdAt)}
            </Typography.Text>
          </Flex>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '2px 0 0', fontSize: 13 }}>
            {item.text.replace(/\s*https?:\/\/\S+$/, '')}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('inbox.forRole', { role: t(`console:role.${item.role}`, { defaultValue: item.role }) })}
          </Typography.Text>
        </div>
      </Flex>
    </button>
  );
}

export function NotificationBell() {
  const { t } = useTranslation('integrations');
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(true);
  const unread = useUnreadCount();
  const inbox = useInbox(unreadOnly, open);
  const markRead = useMarkRead();
  const count = unread.data?.unread ?? 0;
  const items = inbox.data?.data ?? [];

  function openItem(item: InboxItemView) {
    if (!item.read) void markRead.mutateAsync([item.id]);
    if (item.returnId) {
      setOpen(false);
      navigate(`/console/returns/${item.returnId}`);
    }
  }

  return (
    <>
      <Tooltip title={t('inbox.title')}>
        <Button type="text" onClick={() => setOpen(true)} aria-label={t('inbox.title')} data-testid="notification-bell" style={{ height: 40, width: 40 }}>
          <Badge count={count} overflowCount={99} size="small" offset={[2, -2]} data-testid="unread-count" data-count={count}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Button>
      </Tooltip>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        // The whole width of a phone.
        size={screens.sm === false ? window.innerWidth : 420}
        title={t('inbox.title')}
        styles={{ body: { padding: 0 } }}
        extra={
          <Button
            size="small"
            icon={<CheckOutlined />}
            disabled={count === 0}
            loading={markRead.isPending}
            onClick={() => void markRead.mutateAsync(null)}
            data-testid="inbox-read-all"
          >
            {t('inbox.readAll')}
          </Button>
        }
      >
        <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
          <Segmented<'unread' | 'all'>
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[
              { value: 'unread', label: t('inbox.unread', { count }) },
              { value: 'all', label: t('inbox.all') },
            ]}
          />
        </div>
        <div data-testid="inbox-list">
          {inbox.isLoading ? (
            <Skeleton active style={{ padding: 16 }} />
          ) : items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={unreadOnly ? t('inbox.allRead') : t('inbox.empty')} style={{ marginTop: 48 }} />
          ) : (
            items.map((item) => <InboxItem key={item.id} item={item} onOpen={openItem} />)
          )}
        </div>
      </Drawer>
    </>
  );
}
