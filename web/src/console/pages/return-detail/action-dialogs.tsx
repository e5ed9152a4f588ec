/** The short dialogs of a return's actions: approve, reject with a reason, record a parcel, cancel. */
import { AutoComplete, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export type DialogProps = { open: boolean; busy: boolean; onCancel: () => void };

export function ApproveDialog({ open, busy, onCancel, onSubmit, number }: DialogProps & { number: string; onSubmit: (note: string | undefined) => void }) {
  const { t } = useTranslation('console');
  const [form] = Form.useForm<{ note?: string }>();
  return (
    <Modal
      open={open}
      title={t('review.approveTitle', { number })}
      okText={t('review.approveOk')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => onSubmit(form.getFieldValue('note')?.trim() || undefined)}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'approve-confirm' }}
    >
      <Typography.Paragraph type="secondary">{t('review.approveHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="note" label={t('review.note')}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('review.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const quickReasons = ['window', 'used', 'evidence', 'notCovered'] as const;

export function RejectDialog({ open, busy, onCancel, onSubmit, number }: DialogProps & { number: string; onSubmit: (reason: string) => void }) {
  const { t } = useTranslation('console');
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('review.rejectTitle', { number })}
      okText={t('review.rejectOk')}
      okButtonProps={{ danger: true, 'data-testid': 'reject-confirm' }}
      cancelText={t('common:actions.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onSubmit(v.reason.trim()))}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('review.rejectHint')}</Typography.Paragraph>
      <Flex gap={6} wrap style={{ marginBottom: 12 }}>
        {quickReasons.map((k) => (
          <Tag key={k} style={{ cursor: 'pointer' }} onClick={() => form.setFieldsValue({ reason: t(`review.quick.${k}`) })}>
            {t(`review.quick.${k}`)}
          </Tag>
        ))}
      </Flex>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('review.reason')} rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ShipDialog({
  open,
  busy,
  onCancel,
  onSubmit,
  title,
  hint,
}: DialogProps & { title: string; hint: string; onSubmit: (body: { carrier: string; trackingNumber: string }) => void }) {
  const { t } = useTranslation('console');
  const [form] = Form.useForm<{ carrier: string; trackingNumber: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common:actions.submit')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onSubmit({ carrier: v.carrier.trim(), trackingNumber: v.trackingNumber.trim() }))}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="carrier" label={t('ship.carrier')} rules={[{ required: true, whitespace: true, message: t('ship.carrierRequired') }]}>
          <AutoComplete
            options={(t('ship.carriers', { returnObjects: true }) as string[]).map((c) => ({ value: c }))}
            placeholder={t('ship.carrierPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="trackingNumber"
          label={t('ship.tracking')}
          rules={[{ required: true, whitespace: true, min: 4, max: 40, message: t('ship.trackingRequired') }]}
        >
          <Input placeholder={t('ship.trackingPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CancelDialog({ open, busy, onCancel, onSubmit, number }: DialogProps & { number: string; onSubmit: (reason: string | undefined) => void }) {
  const { t } = useTranslation('console');
  const [form] = Form.useForm<{ reason?: string }>();
  return (
    <Modal
      open={open}
      title={t('cancel.title', { number })}
      okText={t('cancel.ok')}
      okButtonProps={{ danger: true }}
      cancelText={t('common:actions.back')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => onSubmit(form.getFieldValue('reason')?.trim() || undefined)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('cancel.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('cancel.reason')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
