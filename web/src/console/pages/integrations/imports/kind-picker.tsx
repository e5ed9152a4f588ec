/** Step one of an import: what is being imported (and from which marketplace), its template and columns, and the file. */
import { CloudDownloadOutlined, InboxOutlined, ShopOutlined, ShoppingCartOutlined, SkinOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Radio, Row, Tag, Tooltip, Typography, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { downloadFile } from '../api/files.ts';
import { type Platform, platforms, useImportColumns, useReportLanguage } from '../api/imports-api.ts';
import type { ImportKind } from '../api/integrations-types.ts';

const kindIcons: Record<ImportKind, ReactNode> = {
  products: <SkinOutlined />,
  customers: <TeamOutlined />,
  orders: <ShoppingCartOutlined />,
  stock: <InboxOutlined />,
  after_sales: <SwapOutlined />,
};

export function KindPicker({ kinds, value, onChange }: { kinds: ImportKind[]; value: ImportKind; onChange: (kind: ImportKind) => void }) {
  const { t } = useTranslation('integrations');
  return (
    // As many cards in a row as fit, all the same width, so five kinds fill a laptop's row and wrap on a phone.
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(190px, 1fr))', gap: 12 }} data-testid="import-kinds">
      {kinds.map((kind) => {
        const selected = kind === value;
        return (
          <div key={kind} style={{ display: 'flex' }}>
            <button
              type="button"
              onClick={() => onChange(kind)}
              data-testid={`import-kind-${kind}`}
              aria-pressed={selected}
              style={{
                all: 'unset',
                boxSizing: 'border-box',
                cursor: 'pointer',
                width: '100%',
                padding: '12px 14px',
                borderRadius: 10,
                border: `1.5px solid ${selected ? '#1677ff' : '#e6ebf2'}`,
                background: selected ? '#f0f7ff' : '#fff',
              }}
            >
              <Flex gap={10} align="flex-start">
                <span style={{ fontSize: 22, color: selected ? '#1677ff' : '#8c8c8c', lineHeight: 1 }}>{kindIcons[kind]}</span>
                <div>
                  <Typography.Text strong>{t(`imports.kinds.${kind}.title`)}</Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                    {t(`imports.kinds.${kind}.hint`)}
                  </Typography.Paragraph>
                </div>
              </Flex>
            </button>
          </div>
        );
      })}
    </div>
  );
}

export function UploadStep({
  kind,
  platform,
  onPlatform,
  busy,
  onFile,
}: {
  kind: ImportKind;
  platform: Platform;
  onPlatform: (p: Platform) => void;
  busy: boolean;
  onFile: (file: File) => void;
}) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const lang = useReportLanguage();
  const columns = useImportColumns(kind, platform);
  const template = (format: 'xlsx' | 'csv') =>
    void downloadFile(
      `imports/templates/${kind}?format=${format}&lang=${lang}${kind === 'after_sales' ? `&platform=${platform}` : ''}`,
      `${kind}-template.${format}`,
    ).catch((error: unknown) => message.error(errorText(t, error)));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('imports.columnsTitle')} style={{ height: '100%' }}>
          {kind === 'after_sales' ? (
            <Flex vertical gap={6} style={{ marginBottom: 12 }}>
              <Typography.Text>
                <ShopOutlined /> {t('imports.platform')}
              </Typography.Text>
              <Radio.Group
                optionType="button"
                value={platform}
                onChange={(e) => onPlatform(e.target.value as Platform)}
                options={platforms.map((p) => ({ value: p, label: t(`imports.platforms.${p}`) }))}
                data-testid="import-platform"
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('imports.platformHint')}
              </Typography.Text>
            </Flex>
          ) : null}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {t('imports.columnsHint')}
          </Typography.Paragraph>
          <Flex gap={6} wrap data-testid="import-columns">
            {(columns.data?.data ?? []).map((c) => (
              <Tooltip
                key={c.key}
                title={[
                  c.example ? t('imports.example', { value: c.example }) : null,
                  c.aliases.length ? t('imports.aliases', { names: c.aliases.join(' / ') }) : null,
                ]
                  .filter(Boolean)
                  .join('；')}
              >
                <Tag color={c.required ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {c.header}
                  {c.required ? ' *' : ''}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
          <Flex gap={8} style={{ marginTop: 16 }} wrap>
            <Button icon={<CloudDownloadOutlined />} onClick={() => template('xlsx')} data-testid="import-template">
              {t('imports.templateXlsx')}
            </Button>
            <Button onClick={() => template('csv')}>{t('imports.templateCsv')}</Button>
          </Flex>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            onFile(file);
            return false;
          }}
          style={{ padding: '24px 12px' }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{busy ? t('imports.checking') : t('imports.drop')}</p>
          <p className="ant-upload-hint">{t('imports.dropHint')}</p>
        </Upload.Dragger>
      </Col>
    </Row>
  );
}
