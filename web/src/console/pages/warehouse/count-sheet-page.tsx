/**
 * The blind count sheet, made for a phone held in one hand: scan a barcode (or type a SKU)
 * to jump to its line, type what is on the shelf in a big box, and hand the sheet in. The
 * counter never sees how many are expected — the API does not send it to them.
 */
import { ArrowLeftOutlined, BarcodeOutlined, CheckCircleFilled, LoadingOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Input, type InputRef, Modal, Progress, Result, Segmented, Select, Spin, Switch, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, errorText } from '../../api/client.ts';
import { type CountSheetLine, useCountDecision, useCountSheet, useEnterCounts } from './stocktaking-api.ts';
import { useWarehouses } from './warehouse-api.ts';

const big = { height: 52, fontSize: 22 } as const;

/** The API refused an entry because no product has the scanned SKU or barcode. */
function unknownProduct(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 400 || !Array.isArray(error.details)) return false;
  return (error.details as { path?: unknown }[]).some((d) => typeof d.path === 'string' && d.path.endsWith('.sku'));
}

type LineState = 'saving' | 'saved' | 'error';

function SheetLine({
  line,
  active,
  state,
  onSave,
  onStep,
  onNext,
  inputRef,
}: {
  line: CountSheetLine;
  active: boolean;
  state: LineState | undefined;
  onSave: (line: CountSheetLine, value: number) => void;
  onStep: (line: CountSheetLine, delta: 1 | -1) => void;
  onNext: (line: CountSheetLine) => void;
  inputRef: (el: InputRef | null) => void;
}) {
  const { t } = useTranslation('warehouse');
  const [draft, setDraft] = useState(line.countedQuantity === null ? '' : String(line.countedQuantity));
  // The value last sent: Enter saves and moves on, and the blur that follows must not save it again.
  const sent = useRef<number | null>(line.countedQuantity);
  useEffect(() => {
    sent.current = line.countedQuantity;
    setDraft(line.countedQuantity === null ? '' : String(line.countedQuantity));
  }, [line.countedQuantity]);
  const commit = () => {
    if (draft.trim() === '') return;
    const value = Number.parseInt(draft, 10);
    if (Number.isNaN(value) || value < 0) {
      setDraft(line.countedQuantity === null ? '' : String(line.countedQuantity));
      return;
    }
    if (value === sent.current) return;
    sent.current = value;
    onSave(line, value);
  };
  const counted = line.countedQuantity !== null;
  return (
    <div
      id={`line-${line.lineId}`}
      data-testid={`sheet-line-${line.sku}-${line.location}`}
      data-counted={counted ? 'yes' : 'no'}
      style={{
        background: '#fff',
        borderRadius: 12,
        padding: 12,
        border: active ? '2px solid #1677ff' : counted ? '1px solid #b7eb8f' : '1px solid #f0f0f0',
        boxShadow: active ? '0 0 0 4px rgba(22,119,255,0.12)' : '0 1px 2px rgba(0,0,0,0.04)',
        scrollMarginTop: 190,
        scrollMarginBottom: 96,
      }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 16, display: 'block', lineHeight: 1.35 }}>
            {line.productName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {line.sku}
            {line.barcode ? ` · ${line.barcode}` : ''}
          </Typography.Text>
        </div>
        <Flex vertical align="flex-end" gap={4} style={{ flexShrink: 0 }}>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {line.location}
          </Tag>
          {line.added ? (
            <Tag color="purple" style={{ marginInlineEnd: 0 }}>
              {t('sheet.added')}
            </Tag>
          ) : null}
        </Flex>
      </Flex>
      <Flex gap={8} align="center" style={{ marginTop: 10 }}>
        <Button
          aria-label={t('sheet.minus')}
          icon={<MinusOutlined />}
          style={{ ...big, width: 52, flexShrink: 0 }}
          disabled={!counted || (line.countedQuantity ?? 0) <= 0}
          onClick={() => onStep(line, -1)}
        />
        <Input
          ref={inputRef}
          value={draft}
          inputMode="numeric"
          pattern="[0-9]*"
          enterKeyHint="next"
          placeholder={t('sheet.enterCount')}
          onChange={(e) => setDraft(e.target.value.replace(/[^0-9]/g, ''))}
          onBlur={commit}
          onPressEnter={() => {
            commit();
            onNext(line);
          }}
          onFocus={(e) => e.target.select()}
          style={{ ...big, textAlign: 'center', fontWeight: 600 }}
          aria-label={t('sheet.countOf', { name: line.productName })}
          data-testid={`count-input-${line.sku}-${line.location}`}
        />
        <Button aria-label={t('sheet.plus')} icon={<PlusOutlined />} style={{ ...big, width: 52, flexShrink: 0 }} onClick={() => onStep(line, 1)} />
        <span
          style={{ width: 22, flexShrink: 0, textAlign: 'center', fontSize: 20 }}
          data-testid={`line-state-${line.sku}-${line.location}`}
          data-state={state ?? ''}
        >
          {state === 'saving' ? <LoadingOutlined style={{ color: '#1677ff' }} /> : counted ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : null}
        </span>
      </Flex>
    </div>
  );
}

export default function CountSheetPage() {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const sheet = useCountSheet(id);
  const enter = useEnterCounts(id);
  const decide = useCountDecision(id);
  const [location, setLocation] = useState('all');
  const [uncountedOnly, setUncountedOnly] = useState(false);
  const [scanMode, setScanMode] = useState<'jump' | 'tally'>('jump');
  const [active, setActive] = useState<string | null>(null);
  const [states, setStates] = useState<Record<string, LineState>>({});
  const [scan, setScan] = useState('');
  const [adding, setAdding] = useState<{ code: string; location: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inputs = useRef(new Map<string, InputRef>());
  const scanInput = useRef<InputRef>(null);

  const warehouses = useWarehouses();
  const count = sheet.data?.count;
  const lines = sheet.data?.data ?? [];
  // The count's locations; a count of a whole warehouse covers every location of it.
  const locations = useMemo(() => {
    const all = count?.locations.length
      ? count.locations
      : (warehouses.data?.data.find((w) => w.code === count?.warehouseCode)?.locations.map((l) => l.code) ?? []);
    return [...new Set([...all, ...lines.map((l) => l.location)])].sort();
  }, [count, lines, warehouses.data]);
  const shown = lines.filter((l) => (location === 'all' || l.location === location) && (!uncountedOnly || l.countedQuantity === null || l.lineId === active));
  const counted = lines.filter((l) => l.countedQuantity !== null).length;
  const uncounted = lines.length - counted;

  const focusLine = (lineId: string) => {
    setActive(lineId);
    requestAnimationFrame(() => {
      document.getElementById(`line-${lineId}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      inputs.current.get(lineId)?.focus();
    });
  };

  const save = (entries: { lineId?: string; sku?: string; location?: string; mode: 'set' | 'add'; quantity: number }[], key: string) => {
    setStates((s) => ({ ...s, [key]: 'saving' }));
    return enter.mutateAsync({ entries }).then(
      (result) => {
        setStates((s) => ({ ...s, [key]: 'saved' }));
        return result;
      },
      (e: unknown) => {
        setStates((s) => ({ ...s, [key]: 'error' }));
        const code = entries[0]?.sku;
        message.error(code && unknownProduct(e) ? t('common.codeNotFound', { code }) : errorText(t, e));
        return null;
      },
    );
  };

  const next = (line: CountSheetLine) => {
    const index = shown.findIndex((l) => l.lineId === line.lineId);
    const after = shown.slice(index + 1).find((l) => l.countedQuantity === null) ?? shown[index + 1];
    if (after) focusLine(after.lineId);
    else scanInput.current?.focus();
  };

  const onScan = (raw: string) => {
    const code = raw.trim();
    if (!code) return;
    setScan('');
    const upper = code.toUpperCase();
    const matches = lines.filter((l) => l.sku.toUpperCase() === upper || l.barcode === code);
    const here = matches.filter((l) => location === 'all' || l.location === location);
    const target = here.find((l) => l.countedQuantity === null) ?? here[0];
    if (target) {
      if (scanMode === 'tally') void save([{ lineId: target.lineId, mode: 'add', quantity: 1 }], target.lineId);
      focusLine(target.lineId);
      return;
    }
    // Not on the sheet: offered to be added as found. (Not looked up first: the product lookup
    // carries stock levels, which a blind counter must not receive.)
    setAdding({ code, location: location === 'all' ? (locations[0] ?? '') : location });
  };

  const addFound = () => {
    if (!adding) return;
    void save([{ sku: adding.code, location: adding.location, mode: 'add', quantity: 1 }], `add-${adding.code}`).then((result) => {
      setAdding(null);
      const line = result?.lines[0];
      if (line) {
        message.success(t('sheet.addedLine', { name: line.productName }));
        focusLine(line.lineId);
      }
    });
  };

  const submit = (asZero: boolean) =>
    decide.mutateAsync({ action: 'submit', uncountedAsZero: asZero }).then(
      () => {
        setSubmitting(false);
        message.success(t('detail.submitted'));
      },
      (e: unknown) => message.error(errorText(t, e)),
    );

  if (sheet.isLoading) return <Spin size="large" style={{ display: 'block', margin: '40vh auto' }} />;
  if (!count)
    return (
      <Result
        status="404"
        title={t('detail.notFound')}
        extra={<Button onClick={() => navigate('/console/warehouse/counts')}>{t('common:actions.back')}</Button>}
      />
    );

  const back = () => navigate(`/console/warehouse/counts/${count.id}`);
  if (count.status !== 'counting') {
    return (
      <Result
        status={count.status === 'cancelled' ? 'warning' : 'success'}
        title={t(`sheet.closed.${count.status}`, { number: count.number })}
        subTitle={t('counts.countedOf', { counted: count.progress.counted, lines: count.progress.lines })}
        extra={<Button onClick={back}>{t('sheet.backToCount')}</Button>}
        data-testid="sheet-closed"
      />
    );
  }

  return (
    <div style={{ minHeight: '100vh', background: '#f3f5f9', paddingBottom: 96 }} data-testid="count-sheet">
      <div style={{ position: 'sticky', top: 0, zIndex: 20, background: '#fff', boxShadow: '0 2px 8px rgba(0,0,0,0.06)', padding: '8px 12px 10px' }}>
        <Flex align="center" gap={8}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common:actions.back')} />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16, display: 'block' }} ellipsis>
              {t('sheet.title', { number: count.number })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {count.warehouseCode} · {t('sheet.blindHint')}
            </Typography.Text>
          </div>
          <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }} data-testid="sheet-progress">
            {counted}/{lines.length}
          </Typography.Text>
        </Flex>
        <Progress percent={lines.length ? Math.round((counted / lines.length) * 100) : 0} showInfo={false} size="small" style={{ margin: '4px 0 8px' }} />
        <Input
          ref={scanInput}
          size="large"
          value={scan}
          onChange={(e) => setScan(e.target.value)}
          onPressEnter={(e) => {
            // The Enter must end here: the dialog a scan may open takes the focus at once, and the
            // same key press would otherwise close it again before it is seen.
            e.preventDefault();
            onScan(scan);
          }}
          prefix={<BarcodeOutlined style={{ color: '#8c8c8c' }} />}
          placeholder={t('sheet.scanPlaceholder')}
          enterKeyHint="search"
          autoFocus
          allowClear
          data-testid="sheet-scan"
        />
        <Flex gap={8} align="center" justify="space-between" style={{ marginTop: 8 }} wrap>
          <Select
            value={location}
            onChange={setLocation}
            style={{ minWidth: 130 }}
            options={[{ value: 'all', label: t('sheet.allLocations') }, ...locations.map((l) => ({ value: l, label: l }))]}
            data-testid="sheet-location"
          />
          <Segmented
            size="small"
            value={scanMode}
            onChange={(v) => setScanMode(v as 'jump' | 'tally')}
            options={[
              { value: 'jump', label: t('sheet.modeJump') },
              { value: 'tally', label: t('sheet.modeTally') },
            ]}
          />
          <Flex gap={4} align="center">
            <Switch size="small" checked={uncountedOnly} onChange={setUncountedOnly} />
            <Typography.Text style={{ fontSize: 13 }}>{t('sheet.uncountedOnly')}</Typography.Text>
          </Flex>
        </Flex>
      </div>

      <Flex vertical gap={10} style={{ padding: 12 }}>
        {shown.length === 0 ? <Empty description={uncountedOnly ? t('sheet.allCounted') : t('sheet.empty')} /> : null}
        {shown.map((line) => (
          <SheetLine
            key={line.lineId}
            line={line}
            active={active === line.lineId}
            state={states[line.lineId]}
            inputRef={(el) => {
              if (el) inputs.current.set(line.lineId, el);
              else inputs.current.delete(line.lineId);
            }}
            onSave={(l, value) => void save([{ lineId: l.lineId, mode: 'set', quantity: value }], l.lineId)}
            onStep={(l, delta) => void save([{ lineId: l.lineId, mode: 'add', quantity: delta }], l.lineId)}
            onNext={next}
          />
        ))}
      </Flex>

      <div
        style={{
          position: 'fixed',
          left: 0,
          right: 0,
          bottom: 0,
          zIndex: 20,
          background: '#fff',
          padding: '10px 12px',
          boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
        }}
      >
        <Button
          type="primary"
          size="large"
          block
          style={{ height: 52, fontSize: 17 }}
          onClick={() => (uncounted > 0 ? setSubmitting(true) : void submit(false))}
          loading={decide.isPending}
          data-testid="sheet-submit"
        >
          {uncounted > 0 ? t('sheet.submitWithLeft', { count: uncounted }) : t('sheet.submit')}
        </Button>
      </div>

      <Modal
        open={submitting}
        onCancel={() => setSubmitting(false)}
        title={t('sheet.uncountedTitle', { count: uncounted })}
        footer={
          <Flex vertical gap={8}>
            <Button size="large" block onClick={() => setSubmitting(false)}>
              {t('sheet.keepCounting')}
            </Button>
            <Button size="large" block danger onClick={() => void submit(true)} loading={decide.isPending} data-testid="sheet-submit-zero">
              {t('sheet.submitAsZero', { count: uncounted })}
            </Button>
          </Flex>
        }
      >
        {t('sheet.uncountedBody')}
      </Modal>

      <Modal
        open={adding !== null}
        onCancel={() => setAdding(null)}
        onOk={addFound}
        okButtonProps={{ disabled: !adding?.location, size: 'large' }}
        cancelButtonProps={{ size: 'large' }}
        okText={t('sheet.addFound')}
        confirmLoading={enter.isPending}
        title={t('sheet.notOnSheet', { code: adding?.code ?? '' })}
      >
        <Typography.Paragraph>{t('sheet.notOnSheetBody')}</Typography.Paragraph>
        <Select
          size="large"
          value={adding?.location || undefined}
          onChange={(v) => setAdding((a) => (a ? { ...a, location: v } : a))}
          style={{ width: '100%' }}
          placeholder={t('common.pickLocation')}
          options={locations.map((l) => ({ value: l, label: l }))}
        />
      </Modal>
    </div>
  );
}
