/** One template in one language: subject, short text (SMS, WeChat, group chats), email body, with variables to insert and a live preview. */
import { CheckCircleFilled, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { unknownPlaceholders } from '@server/modules/notifications/render-template.ts';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Segmented, Switch, Tag, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { formatDateTime } from '../../../components/format.ts';
import type { TemplateText, TemplateView } from '../api/integrations-types.ts';
import { useResetTemplate, useSaveTemplate } from '../api/notices-api.ts';
import { useNoticeLabels } from '../labels.tsx';
import { TemplatePreview } from './template-preview.tsx';

type Field = 'subject' | 'short' | 'body';
type Locale = TemplateView['locale'];

/** The draft a user is typing, handed to the preview a moment after they stop. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function TemplateEditor({
  template,
  variables,
  locale,
  onLocale,
}: {
  template: TemplateView;
  variables: string[];
  locale: Locale;
  onLocale: (locale: Locale) => void;
}) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const labels = useNoticeLabels();
  const save = useSaveTemplate();
  const reset = useResetTemplate();
  const [draft, setDraft] = useState<TemplateText>({ subject: template.subject, short: template.short, body: template.body, essential: template.essential });
  const [focused, setFocused] = useState<Field>('short');
  const refs = { subject: useRef<HTMLInputElement | null>(null), short: useRef<TextAreaRef>(null), body: useRef<TextAreaRef>(null) };
  const dirty = draft.subject !== template.subject || draft.short !== template.short || draft.body !== template.body || draft.essential !== template.essential;
  const unknown = (['subject', 'short', 'body'] as const).flatMap((f) => unknownPlaceholders(draft[f], variables));
  // The preview keeps showing the last text it can render while a placeholder is being typed.
  const renderable = useRef(draft);
  if (unknown.length === 0) renderable.current = draft;
  const previewDraft = useDebounced(renderable.current, 350);
  const key = { audience: template.audience, event: template.event, locale: template.locale };

  /** Puts {{name}} where the cursor is in the field last used. */
  function insert(name: string) {
    const token = `{{${name}}}`;
    const element = focused === 'subject' ? refs.subject.current : refs[focused].current?.resizableTextArea?.textArea;
    const text = draft[focused];
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    setDraft({ ...draft, [focused]: text.slice(0, start) + token + text.slice(end) });
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  async function onSave() {
    try {
      await save.mutateAsync({ ...key, ...draft });
      message.success(t('templates.saved'));
    } catch (error) {
      message.error(errorText(t, error));
    }
  }

  const field = (name: Field) => ({
    value: draft[name],
    onFocus: () => setFocused(name),
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });

  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <span>{labels.event(template.event)}</span>
          {template.customized ? (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {t('templates.customized')}
            </Tag>
          ) : (
            <Tag style={{ marginInlineEnd: 0 }}>{t('templates.builtin')}</Tag>
          )}
          {dirty ? (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('templates.unsaved')}
            </Tag>
          ) : null}
        </Flex>
      }
      extra={
        <Segmented<Locale>
          value={locale}
          onChange={onLocale}
          options={[
            { value: 'zh-CN', label: t('common:languageName.zh-CN') },
            { value: 'en', label: t('common:languageName.en') },
          ]}
          data-testid="template-locale"
        />
      }
      data-testid="template-editor"
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={13}>
          <Form layout="vertical" requiredMark={false}>
            <Form.Item label={t('templates.subject')} extra={t('templates.subjectHint')} style={{ marginBottom: 12 }}>
              <Input
                {...field('subject')}
                ref={(input) => {
                  refs.subject.current = input?.input ?? null;
                }}
                maxLength={200}
                data-testid="template-subject"
              />
            </Form.Item>
            <Form.Item label={t('templates.short')} extra={t('templates.shortHint')} style={{ marginBottom: 12 }}>
              <Input.TextArea {...field('short')} ref={refs.short} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="template-short" />
            </Form.Item>
            <Form.Item label={t('templates.body')} extra={t('templates.bodyHint')} style={{ marginBottom: 12 }}>
              <Input.TextArea {...field('body')} ref={refs.body} autoSize={{ minRows: 6, maxRows: 14 }} maxLength={5000} data-testid="template-body" />
            </Form.Item>
            {template.audience === 'customer' ? (
              <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
                <Switch size="small" checked={draft.essential} onChange={(essential) => setDraft({ ...draft, essential })} />
                <Typography.Text>{t('templates.essential')}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('templates.essentialHint')}
                </Typography.Text>
              </Flex>
            ) : null}
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('templates.variablesHint', { field: t(`templates.${focused}`) })}
          </Typography.Text>
          <Flex gap={6} wrap style={{ margin: '8px 0 16px' }} data-testid="template-variables">
            {variables.map((name) => (
              <Tooltip key={name} title={`{{${name}}}`}>
                <Tag.CheckableTag checked={false} onChange={() => insert(name)} style={{ border: '1px dashed #91caff', marginInlineEnd: 0 }}>
                  {t(`variables.${name}`, { defaultValue: name })}
                </Tag.CheckableTag>
              </Tooltip>
            ))}
          </Flex>
          {unknown.length > 0 ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('templates.unknownVariables', { names: unknown.map((n) => `{{${n}}}`).join(t('console:sep.list')) })}
            />
          ) : null}
          <Flex gap={8} wrap align="center">
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!dirty || unknown.length > 0}
              loading={save.isPending}
              onClick={() => void onSave()}
              data-testid="template-save"
            >
              {t('templates.save')}
            </Button>
            {dirty ? (
              <Button onClick={() => setDraft({ subject: template.subject, short: template.short, body: template.body, essential: template.essential })}>
                {t('templates.discard')}
              </Button>
            ) : null}
            <Popconfirm
              title={t('templates.resetConfirm')}
              onConfirm={() =>
                void reset.mutateAsync(key).then(
                  () => message.success(t('templates.resetDone')),
                  (error: unknown) => message.error(errorText(t, error)),
                )
              }
              disabled={!template.customized}
            >
              <Button icon={<RollbackOutlined />} disabled={!template.customized} loading={reset.isPending} data-testid="template-reset">
                {t('templates.reset')}
              </Button>
            </Popconfirm>
            {template.updatedAt ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <CheckCircleFilled style={{ color: '#52c41a', marginInlineEnd: 4 }} />
                {t('templates.updatedAt', { time: formatDateTime(template.updatedAt) })}
              </Typography.Text>
            ) : null}
          </Flex>
        </Col>
        <Col xs={24} xl={11}>
          <TemplatePreview templateKey={key} draft={previewDraft} audience={template.audience} />
        </Col>
      </Row>
    </Card>
  );
}
