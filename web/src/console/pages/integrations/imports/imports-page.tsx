/** Imports from Excel and CSV: choose what to import, upload, see every row checked, download the problems, commit all or nothing. */
import { App, Button, Card, Flex, Result, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../../api/client.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { useSession } from '../../../session/session.tsx';
import { importKinds, type Platform, platforms, useCommitImport, useImportBatch, useUploadImport } from '../api/imports-api.ts';
import type { ImportBatchView, ImportKind } from '../api/integrations-types.ts';
import { NoAccess } from '../no-access.tsx';
import { ImportHistory } from './import-history.tsx';
import { importPermission } from './import-permissions.ts';
import { KindPicker, UploadStep } from './kind-picker.tsx';
import { PreviewStep } from './preview-step.tsx';

const listOf: Record<ImportKind, string> = {
  products: '/console/stock',
  customers: '/console/customers',
  orders: '/console/customers',
  stock: '/console/stock',
  after_sales: '/console/returns',
};

function DoneStep({ batch, onAgain }: { batch: ImportBatchView; onAgain: () => void }) {
  const { t } = useTranslation('integrations');
  return (
    <Result
      status="success"
      title={t('imports.doneTitle')}
      subTitle={t('imports.doneSummary', { created: batch.summary.created ?? batch.summary.create, skipped: batch.summary.skipped ?? batch.summary.skip })}
      extra={[
        <Button key="again" type="primary" onClick={onAgain}>
          {t('imports.importMore')}
        </Button>,
        <Link key="list" to={listOf[batch.kind]}>
          <Button>{t(`imports.open.${batch.kind}`)}</Button>
        </Link>,
      ]}
      data-testid="import-done"
    />
  );
}

export default function ImportsPage() {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const kinds = importKinds.filter((k) => can(importPermission[k]));
  const kind = (kinds.find((k) => k === params.get('kind')) ?? kinds[0] ?? 'products') as ImportKind;
  const platform = (platforms.find((p) => p === params.get('platform')) ?? 'taobao') as Platform;
  const batchId = params.get('batch');
  const batch = useImportBatch(batchId);
  const upload = useUploadImport();
  const commit = useCommitImport();
  const shown = batchId ? batch.data : undefined;
  const step = !shown ? 0 : shown.status === 'committed' ? 2 : 1;

  const go = (next: { kind?: ImportKind; platform?: Platform; batch?: string | null }) => {
    const merged = { kind, platform, batch: batchId, ...next };
    setParams(
      Object.fromEntries(
        Object.entries({ ...merged, platform: merged.kind === 'after_sales' ? merged.platform : null }).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        ),
      ),
    );
  };

  async function onFile(file: File) {
    try {
      const created = await upload.mutateAsync({ kind, platform, file });
      go({ batch: created.id });
    } catch (error) {
      message.error(errorText(t, error));
    }
  }

  async function onCommit() {
    if (!shown) return;
    try {
      await commit.mutateAsync(shown.id);
      message.success(t('imports.committed'));
    } catch (error) {
      message.error(errorText(t, error));
    }
  }

  if (kinds.length === 0) return <NoAccess />;

  return (
    <div data-testid="page-imports">
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: t('imports.steps.upload') }, { title: t('imports.steps.check') }, { title: t('imports.steps.done') }]}
        />
        {step === 0 ? (
          <Flex vertical gap={16}>
            <KindPicker kinds={kinds} value={kind} onChange={(k) => go({ kind: k, batch: null })} />
            <UploadStep kind={kind} platform={platform} onPlatform={(p) => go({ platform: p })} busy={upload.isPending} onFile={(f) => void onFile(f)} />
          </Flex>
        ) : shown && step === 1 ? (
          <PreviewStep batch={shown} busy={commit.isPending} onCommit={() => void onCommit()} onAgain={() => go({ batch: null, kind: shown.kind })} />
        ) : shown ? (
          <DoneStep batch={shown} onAgain={() => go({ batch: null })} />
        ) : null}
      </Card>
      <ImportHistory onOpen={(row) => go({ batch: row.id, kind: row.kind, ...(row.platform ? { platform: row.platform as Platform } : {}) })} />
    </div>
  );
}
