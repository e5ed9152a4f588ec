/** One return: order, customer, lines, the policy's decision, the timeline, the stage with its steps, and the actions the user may take now. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Flex, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorText } from '../../api/client.ts';
import type { ConsoleAction } from '../../api/console-types.ts';
import { useApproveRefund, useReturn, useReturnAction, useWorkbench } from '../../api/queries.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { focusScanBox } from '../../layout/scan-box.tsx';
import { ExchangeCard } from '../finance/exchange-card.tsx';
import { ReturnNoticesCard } from '../integrations/widgets/return-notices-card.tsx';
import { TrackingCard } from '../integrations/widgets/tracking-card.tsx';
import { ActionBar } from './action-bar.tsx';
import { ApproveDialog, CancelDialog, RejectDialog, ShipDialog } from './action-dialogs.tsx';
import { DecisionRules } from './decision-rules.tsx';
import { InspectPanel } from './inspect-panel.tsx';
import { LinesCard } from './lines-card.tsx';
import { PhotosCard } from './photos-card.tsx';
import { ProcessSteps } from './process-steps.tsx';
import { ReceivePanel } from './receive-panel.tsx';
import { RefundCard } from './refund-card.tsx';
import { RefundModal } from './refund-modal.tsx';
import { ReturnTimeline } from './return-timeline.tsx';
import { CustomerCard, OrderCard, ParcelCard } from './side-cards.tsx';
import { StageCard } from './stage-card.tsx';

function ReturnDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('console');
  const { message } = App.useApp();
  const labels = useLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const ret = useReturn(id);
  const workbench = useWorkbench(id);
  const action = useReturnAction(id);
  const approveRefund = useApproveRefund(id);
  const [open, setOpen] = useState<ConsoleAction | null>(null);
  const mode = params.get('mode');
  // After an action the buttons wait for the refreshed list of allowed actions.
  const [actedAt, setActedAt] = useState(0);
  const busy = action.isPending || workbench.dataUpdatedAt < actedAt;
  const actions = workbench.data?.actions ?? [];

  // Scanned in (or opened from a queue): open that step's form at once when it can be taken,
  // once per time the address asks for it.
  const handledMode = useRef<string | null>(null);
  useEffect(() => {
    if (!mode) {
      handledMode.current = null;
      return;
    }
    if (handledMode.current === mode || !workbench.data) return;
    handledMode.current = mode;
    if ((mode === 'receive' || mode === 'inspect' || mode === 'refund') && workbench.data.actions.includes(mode)) setOpen(mode);
  }, [mode, workbench.data]);

  if (ret.error) {
    const missing = ret.error instanceof ApiError && ret.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('detail.notFound') : errorText(t, ret.error)}
        extra={<Button onClick={() => navigate('/console/returns')}>{t('detail.backToList')}</Button>}
      />
    );
  }
  if (!ret.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const r = ret.data;
  const wb = workbench.data;
  const lineNames = new Map(r.lines.map((l) => [l.orderLineId, l.name]));

  const close = () => {
    setOpen(null);
    if (mode) setParams({}, { replace: true });
  };
  async function run(name: string, body: unknown, done: string) {
    try {
      await action.mutateAsync({ action: name, body });
      setActedAt(Date.now());
      message.success(done);
      close();
    } catch (error) {
      message.error(errorText(t, error));
    }
  }
  function start(a: ConsoleAction) {
    if (a === 'approve_refund') {
      const pending = wb?.pendingRefunds.find((p) => p.canApprove);
      if (pending)
        void approveRefund.mutateAsync(pending.id).then(
          () => message.success(t('refund.approvedDone')),
          (e: unknown) => message.error(errorText(t, e)),
        );
      return;
    }
    setOpen(a);
  }

  return (
    <div data-testid="page-return">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0, marginBottom: 4 }}>
        {t('common:actions.back')}
      </Button>
      <PageHeader
        title={
          <Typography.Text copyable={{ text: r.number }} style={{ fontSize: 'inherit', fontWeight: 'inherit' }} data-testid="return-number">
            {r.number}
          </Typography.Text>
        }
        tags={
          <Flex gap={6} wrap>
            <StatusTag status={r.status} />
            <Tag style={{ marginInlineEnd: 0 }}>{t(`common:type.${r.type}`)}</Tag>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`common:resolution.${r.resolution}`)}</Tag>
            {wb?.stage?.overdue ? (
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {t('due.overdue')}
              </Tag>
            ) : null}
          </Flex>
        }
        subtitle={t('detail.subtitle', { time: formatDateTime(r.createdAt, i18n.language), channel: labels.channel(r.channel) })}
        extra={
          wb ? (
            <ActionBar
              actions={actions}
              ownerRole={wb.stage?.ownerRole ?? null}
              busy={busy}
              onAction={start}
              onClose={() => void run('close', {}, t('done.close'))}
            />
          ) : null
        }
      />
      {mode === 'receive' && wb && actedAt === 0 && !actions.includes('receive') ? (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: close }}
          title={t('scan.notReceivable', { status: t(`common:status.${r.status}`) })}
          style={{ marginBottom: 16 }}
          data-testid="scan-not-receivable"
        />
      ) : null}
      {r.rejectReason ? <Alert type="error" showIcon title={t('detail.rejected', { reason: r.rejectReason })} style={{ marginBottom: 16 }} /> : null}
      <ProcessSteps ret={r} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            {open === 'receive' ? (
              <ReceivePanel
                ret={r}
                busy={action.isPending}
                onCancel={close}
                onSubmit={(lines) => void run('receive', { lines }, t('done.receive', { count: lines.reduce((s, l) => s + l.quantity, 0) })).then(focusScanBox)}
              />
            ) : null}
            {open === 'inspect' && wb ? (
              <InspectPanel
                ret={r}
                workbench={wb}
                busy={action.isPending}
                onCancel={close}
                onSubmit={(lines) => void run('inspect', { lines }, t('done.inspect'))}
              />
            ) : null}
            <LinesCard ret={r} workbench={wb} />
            {wb && (wb.refund.refundable > 0 || r.refunds.length > 0) ? <RefundCard ret={r} workbench={wb} /> : null}
            {r.resolution === 'exchange' ? <ExchangeCard ret={r} /> : null}
            <DecisionRules decision={r.decision} lineNames={lineNames} />
            <ReturnTimeline timeline={r.timeline} />
            <ReturnNoticesCard returnId={r.id} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            {wb?.stage ? <StageCard stage={wb.stage} /> : null}
            <CustomerCard customerId={r.customerId} />
            <OrderCard orderId={r.orderId} />
            <ParcelCard ret={r} />
            <TrackingCard returnId={r.id} trackingNumber={r.trackingNumber} />
            <PhotosCard returnId={r.id} />
          </Flex>
        </Col>
      </Row>

      <ApproveDialog
        open={open === 'approve'}
        busy={action.isPending}
        number={r.number}
        onCancel={close}
        onSubmit={(note) => void run('approve', note ? { note } : {}, t('done.approve'))}
      />
      <RejectDialog
        open={open === 'reject'}
        busy={action.isPending}
        number={r.number}
        onCancel={close}
        onSubmit={(reason) => void run('reject', { reason }, t('done.reject'))}
      />
      <ShipDialog
        open={open === 'ship'}
        busy={action.isPending}
        title={t('ship.title')}
        hint={t('ship.hint')}
        onCancel={close}
        onSubmit={(body) => void run('ship', body, t('done.ship'))}
      />
      <ShipDialog
        open={open === 'ship_replacement'}
        busy={action.isPending}
        title={t('ship.replacementTitle')}
        hint={t('ship.replacementHint')}
        onCancel={close}
        onSubmit={(body) => void run('ship-replacement', body, t('done.shipReplacement'))}
      />
      <CancelDialog
        open={open === 'cancel'}
        busy={action.isPending}
        number={r.number}
        onCancel={close}
        onSubmit={(reason) => void run('cancel', reason ? { reason } : {}, t('done.cancel'))}
      />
      {wb && open === 'refund' ? (
        <RefundModal open ret={r} workbench={wb} busy={action.isPending} onCancel={close} onSubmit={(body) => void run('refund', body, t('done.refund'))} />
      ) : null}
    </div>
  );
}

/** A fresh page per return (a scan opens the same page again for another return). */
export default function ReturnDetailPage() {
  const { id = '' } = useParams();
  return <ReturnDetail key={id} />;
}
