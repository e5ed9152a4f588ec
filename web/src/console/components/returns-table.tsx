/** The table of returns used by the home queues and the returns list: overdue rows stand out. */
import { CheckOutlined } from '@ant-design/icons';
import { Button, Flex, Grid, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConsoleReturnRow } from '../api/console-types.ts';
import { useSession } from '../session/session.tsx';
import { formatShortDateTime } from './format.ts';
import { useLabels } from './labels.ts';
import { Money } from './money.tsx';
import { StageWait } from './stage-wait.tsx';
import { StatusTag } from './status-tag.tsx';

export type ReturnsTableProps = {
  rows: ConsoleReturnRow[];
  loading: boolean;
  total: number;
  /** The server counted up to a cap: more than `total` returns match (a next page is always offered then). */
  moreThanTotal?: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  now: number;
  /** Rows that may be selected for bulk approval; no selection when absent. */
  selection?: { selected: string[]; onChange: (ids: string[]) => void };
  /** One-click approval of a requested return from the list. */
  onQuickApprove?: ((row: ConsoleReturnRow) => void) | undefined;
  approving?: string | null;
  /** On a customer's own page their name in every row says nothing. */
  hideCustomer?: boolean;
};

export function ReturnsTable(props: ReturnsTableProps) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const { can } = useSession();
  const screens = Grid.useBreakpoint();
  /** The step this user would take next on the row, opened straight from the list. */
  const nextMode = (row: ConsoleReturnRow): 'receive' | 'inspect' | 'refund' | null => {
    if (can('returns:receive') && row.status === 'in_transit') return 'receive';
    if (can('returns:inspect') && row.status === 'received') return 'inspect';
    if (can('returns:refund') && row.status === 'inspected' && row.resolution !== 'exchange' && row.pendingRefundAmount === 0) return 'refund';
    return null;
  };
  const columns: TableProps<ConsoleReturnRow>['columns'] = [
    {
      title: t('returns.col.number'),
      dataIndex: 'number',
      width: 176,
      render: (_, row) => (
        <div>
          <Link to={`/console/returns/${row.id}`} style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }} data-testid="return-link">
            {row.number}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, whiteSpace: 'nowrap' }}>
            {labels.channel(row.channel)} · {formatShortDateTime(row.createdAt)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('returns.col.status'),
      dataIndex: 'status',
      width: 124,
      render: (_, row) => (
        <Flex vertical gap={2} align="flex-start">
          <StatusTag status={row.status} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.type === 'refund_only' ? t('common:type.refund_only') : t(`common:resolution.${row.resolution}`, { defaultValue: row.resolution })}
          </Typography.Text>
          {row.pendingRefundAmount > 0 ? (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('returns.pendingApproval')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('returns.col.stage'),
      dataIndex: 'stage',
      width: 164,
      render: (_, row) => (
        <div>
          <Typography.Text>{labels.stage(row.stage)}</Typography.Text>
          {row.stage !== 'done' ? (
            <div style={{ fontSize: 12 }}>
              <StageWait enteredAt={row.stageEnteredAt} dueAt={row.stageDueAt} now={props.now} />
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('returns.col.customer'),
      dataIndex: 'customerName',
      width: 128,
      responsive: ['lg'],
      render: (_, row) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/console/customers/${row.customerId}`}>{row.customerName}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {row.customerPhone ?? '—'}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('returns.col.items'),
      dataIndex: 'firstItemName',
      ellipsis: true,
      render: (_, row) => (
        <Tooltip title={t('returns.orderTip', { order: row.orderNumber })} placement="topLeft">
          <div style={{ minWidth: 0 }}>
            <Typography.Text ellipsis style={{ display: 'block' }}>
              {row.firstItemName ?? '—'}
              {row.lineCount > 1 ? <Typography.Text type="secondary">{t('returns.moreLines', { count: row.lineCount - 1 })}</Typography.Text> : null}
            </Typography.Text>
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
              {labels.reason(row.reasonCode)} · {t('returns.units', { count: row.units })}
            </Typography.Text>
          </div>
        </Tooltip>
      ),
    },
    {
      title: t('returns.col.amount'),
      dataIndex: 'refundableAmount',
      width: 112,
      responsive: ['lg'],
      align: 'right',
      render: (_, row) => {
        const [amount, note, type]: [number, string, 'success' | 'warning' | 'secondary'] =
          row.refundedAmount > 0
            ? [row.refundedAmount, t('returns.refunded'), 'success']
            : row.refundableAmount > 0
              ? [row.refundableAmount, t('returns.toRefund'), 'warning']
              : [row.valueAmount, t('returns.asked'), 'secondary'];
        return (
          <div>
            <Money amount={amount} currency={row.currency} />
            <Typography.Text type={type} style={{ display: 'block', fontSize: 12 }}>
              {note}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: t('returns.col.actions'),
      key: 'actions',
      width: 108,
      fixed: 'right',
      align: 'center',
      render: (_, row) => {
        if (props.onQuickApprove && row.status === 'requested') {
          return (
            <Button
              size="small"
              type="primary"
              ghost
              icon={<CheckOutlined />}
              loading={props.approving === row.id}
              onClick={() => props.onQuickApprove?.(row)}
              data-testid={`quick-approve-${row.number}`}
            >
              {t('action.approve')}
            </Button>
          );
        }
        const mode = nextMode(row);
        return mode ? (
          <Link to={`/console/returns/${row.id}?mode=${mode}`} data-testid={`quick-${mode}`}>
            {t(`action.${mode}`)}
          </Link>
        ) : (
          <Link to={`/console/returns/${row.id}`}>{t('returns.open')}</Link>
        );
      },
    },
  ];
  const shown = props.hideCustomer ? columns.filter((c) => !('dataIndex' in c && c.dataIndex === 'customerName')) : columns;

  return (
    <Table<ConsoleReturnRow>
      rowKey="id"
      size="middle"
      columns={shown}
      dataSource={props.rows}
      loading={props.loading}
      scroll={{ x: screens.lg ? 980 : 720 }}
      rowClassName={(row) => (row.overdue ? 'rf-row-overdue' : '')}
      rowSelection={
        props.selection
          ? {
              selectedRowKeys: props.selection.selected,
              onChange: (keys) => props.selection?.onChange(keys.map(String)),
              getCheckboxProps: (row) => ({ disabled: row.status !== 'requested' }),
            }
          : undefined
      }
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        // Past the count's cap the pager offers the pages up to the one after this.
        total: props.moreThanTotal ? Math.max(props.total, props.page * props.pageSize) + props.pageSize : props.total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => (props.moreThanTotal ? t('returns.totalMore', { count: props.total }) : t('returns.total', { count: total })),
        onChange: props.onPage,
      }}
    />
  );
}
