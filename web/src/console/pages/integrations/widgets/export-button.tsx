/** "导出 Excel": downloads a list as .xlsx with the filters on screen, in the interface language. */
import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../../../api/http.ts';
import { errorText } from '../../../api/client.ts';
import { downloadFile } from '../api/files.ts';

export type ExportList = 'returns' | 'refunds' | 'stock' | 'customers';

export function ExportButton({ list, filters }: { list: ExportList; filters: Record<string, string | undefined> }) {
  const { t, i18n } = useTranslation('integrations');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      const name = await downloadFile(`exports/${list}.xlsx${query({ ...filters, lang: i18n.language === 'en' ? 'en' : 'zh-CN' })}`, `${list}.xlsx`);
      message.success(t('export.done', { name }));
    } catch (error) {
      message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button icon={<FileExcelOutlined style={{ color: '#217346' }} />} loading={busy} onClick={() => void run()} data-testid={`export-${list}`}>
      {t('export.button')}
    </Button>
  );
}
