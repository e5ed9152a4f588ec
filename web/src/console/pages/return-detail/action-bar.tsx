/** The buttons of the actions the user may take on the return now, and nothing else. */
import {
  CarOutlined,
  CheckOutlined,
  CloseOutlined,
  DollarOutlined,
  FileDoneOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Button, Popconfirm, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleAction } from '../../api/console-types.ts';
import { useLabels } from '../../components/labels.ts';

const icons: Record<ConsoleAction, ReactNode> = {
  approve: <CheckOutlined />,
  reject: <CloseOutlined />,
  ship: <CarOutlined />,
  receive: <InboxOutlined />,
  inspect: <SafetyCertificateOutlined />,
  refund: <DollarOutlined />,
  approve_refund: <DollarOutlined />,
  ship_replacement: <CarOutlined />,
  cancel: <StopOutlined />,
  close: <FileDoneOutlined />,
};

const primary: ConsoleAction[] = ['approve', 'receive', 'inspect', 'refund', 'approve_refund', 'ship_replacement', 'close'];

export type ActionBarProps = {
  actions: ConsoleAction[];
  ownerRole: string | null;
  busy: boolean;
  onAction: (action: ConsoleAction) => void;
  onClose: () => void;
};

export function ActionBar({ actions, ownerRole, busy, onAction, onClose }: ActionBarProps) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  if (actions.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-actions">
        {ownerRole && ownerRole !== 'manager' ? t('action.waitingFor', { role: labels.role(ownerRole) }) : t('action.none')}
      </Typography.Text>
    );
  }
  return (
    <>
      {actions.map((action) =>
        action === 'close' ? (
          <Popconfirm key={action} title={t('action.closeConfirm')} onConfirm={onClose}>
            <Button type="primary" icon={icons.close} loading={busy} data-testid="action-close">
              {t('action.close')}
            </Button>
          </Popconfirm>
        ) : (
          <Button
            key={action}
            type={primary.includes(action) ? 'primary' : 'default'}
            danger={action === 'reject' || action === 'cancel'}
            icon={icons[action]}
            disabled={busy}
            onClick={() => onAction(action)}
            data-testid={`action-${action}`}
          >
            {t(`action.${action}`)}
          </Button>
        ),
      )}
    </>
  );
}
