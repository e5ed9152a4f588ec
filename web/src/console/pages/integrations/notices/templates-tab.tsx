/** Notice templates: pick an event (customer or staff), then edit its text per language beside a live preview. */
import { EditOutlined } from '@ant-design/icons';
import { Badge, Card, Col, Empty, Flex, Menu, Row, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateView } from '../api/integrations-types.ts';
import { useTemplates } from '../api/notices-api.ts';
import { useNoticeLabels } from '../labels.tsx';
import { TemplateEditor } from './template-editor.tsx';

type Audience = TemplateView['audience'];
type Locale = TemplateView['locale'];

export function TemplatesTab() {
  const { t, i18n } = useTranslation('integrations');
  const labels = useNoticeLabels();
  const templates = useTemplates();
  const [audience, setAudience] = useState<Audience>('customer');
  const [event, setEvent] = useState<string | null>(null);
  const [locale, setLocale] = useState<Locale>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const all = templates.data?.data ?? [];
  const ofAudience = all.filter((x) => x.audience === audience);
  const events = [...new Set(ofAudience.map((x) => x.event))];
  const current = event && events.includes(event) ? event : (events[0] ?? null);
  const template = ofAudience.find((x) => x.event === current && x.locale === locale) ?? null;

  if (!templates.data) return <Skeleton active paragraph={{ rows: 10 }} />;

  return (
    <Row gutter={[16, 16]} data-testid="templates-tab">
      <Col xs={24} lg={7} xl={6}>
        <Card size="small" styles={{ body: { padding: 8 } }}>
          <Segmented<Audience>
            block
            value={audience}
            onChange={(a) => {
              setAudience(a);
              setEvent(null);
            }}
            options={[
              { value: 'customer', label: t('templates.customer') },
              { value: 'staff', label: t('templates.staff') },
            ]}
            style={{ marginBottom: 8 }}
            data-testid="template-audience"
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 8px 8px' }}>
            {audience === 'customer' ? t('templates.customerHint') : t('templates.staffHint')}
          </Typography.Paragraph>
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            onClick={({ key }) => setEvent(key)}
            style={{ borderInlineEnd: 'none' }}
            items={events.map((e) => {
              const customized = ofAudience.some((x) => x.event === e && x.customized);
              const essential = ofAudience.find((x) => x.event === e)?.essential;
              return {
                key: e,
                label: (
                  <Flex justify="space-between" align="center" gap={6} data-testid={`template-event-${e}`}>
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{labels.event(e)}</span>
                    <Flex gap={4} align="center">
                      {customized ? <Badge color="#1677ff" title={t('templates.customized')} /> : null}
                      {audience === 'customer' && !essential ? (
                        <Tag style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>{t('templates.optional')}</Tag>
                      ) : null}
                    </Flex>
                  </Flex>
                ),
              };
            })}
          />
        </Card>
      </Col>
      <Col xs={24} lg={17} xl={18}>
        {template ? (
          <TemplateEditor
            key={`${template.audience}/${template.event}/${template.locale}/${template.updatedAt ?? 'builtin'}`}
            template={template}
            variables={templates.data.variables[audience]}
            locale={locale}
            onLocale={setLocale}
          />
        ) : (
          <Card>
            <Empty image={<EditOutlined style={{ fontSize: 40, color: '#bfbfbf' }} />} description={t('templates.pick')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
