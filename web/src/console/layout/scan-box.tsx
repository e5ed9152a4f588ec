/**
 * The scan box: a keyboard-wedge barcode scanner types a return number or tracking
 * number and presses Enter; the matching return opens in receive mode.
 */
import { ScanOutlined } from '@ant-design/icons';
import { App, Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { query } from '../../api/http.ts';
import { api, errorText } from '../api/client.ts';
import type { ConsoleReturnPage } from '../api/console-types.ts';

/** The returns a scanned code names exactly: by return number or tracking number. */
async function findScanned(code: string): Promise<ConsoleReturnPage['data']> {
  const page = await api.get<ConsoleReturnPage>(`console/returns${query({ q: code, pageSize: 10 })}`);
  const upper = code.toUpperCase();
  const exact = page.data.filter((r) => r.number === upper || r.trackingNumber === code || r.trackingNumber?.toUpperCase() === upper);
  return exact.length > 0 ? exact : page.data.filter((r) => r.orderNumber === code);
}

/** Puts the cursor back in the scan box, ready for the next parcel. */
export function focusScanBox(): void {
  window.dispatchEvent(new Event(focusEvent));
}

const focusEvent = 'rf-focus-scan';

export function ScanBox({ compact = false, autoFocus = false }: { compact?: boolean; autoFocus?: boolean }) {
  const { t } = useTranslation('console');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<InputRef>(null);

  useEffect(() => {
    const focus = () => input.current?.focus();
    window.addEventListener(focusEvent, focus);
    if (autoFocus) focus();
    return () => window.removeEventListener(focusEvent, focus);
  }, [autoFocus]);

  async function open(raw: string) {
    const code = raw.trim();
    if (!code) return;
    setBusy(true);
    try {
      const found = await findScanned(code);
      if (found.length === 1 && found[0]) {
        setValue('');
        navigate(`/console/returns/${found[0].id}?mode=receive`);
      } else if (found.length > 1) {
        setValue('');
        navigate(`/console/returns?q=${encodeURIComponent(code)}`);
        message.info(t('scan.several', { count: found.length }));
      } else {
        message.warning(t('scan.notFound', { code }));
        input.current?.select();
      }
    } catch (error) {
      message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Input
      ref={input}
      data-testid="scan-box"
      allowClear
      value={value}
      disabled={busy}
      onChange={(e) => setValue(e.target.value)}
      onPressEnter={() => void open(value)}
      prefix={<ScanOutlined style={{ color: '#1677ff' }} />}
      placeholder={compact ? t('scan.placeholderShort') : t('scan.placeholder')}
      aria-label={t('scan.placeholder')}
      style={{ width: compact ? 200 : 320 }}
    />
  );
}
