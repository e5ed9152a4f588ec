/** Changes between two versions in words: which setting, rule or reason, from what to what. */
import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Flex, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export type ChangeEntry = { path: string; before?: unknown; after?: unknown };

/** "rules[high-rate].outcomes" → "规则 high-rate · outcomes"; top-level keys get their label. */
export function changeLabel(path: string, t: TFunction): string {
  const match = /^([a-zA-Z]+)(.*)$/.exec(path);
  const head = match?.[1] ?? path;
  const rest = (match?.[2] ?? '')
    .replace(/^\./, '')
    .replace(/\[([^\]]+)\]/g, ' «$1» ')
    .replace(/\./g, ' · ');
  return `${t(`policyEditor.field.${head}`, { defaultValue: head })}${rest ? ` ${rest.trim()}` : ''}`;
}

function shown(value: unknown, t: TFunction): string {
  if (value === undefined) return t('policyEditor.changes.none');
  if (value === null) return t('policyEditor.off');
  if (typeof value === 'boolean') return value ? t('policyEditor.yes') : t('policyEditor.no');
  if (typeof value === 'object' && value && 'name' in value && typeof (value as { name: unknown }).name === 'string')
    return `「${(value as { name: string }).name}」`;
  if (typeof value === 'object' && value && 'label' in value && typeof (value as { label: unknown }).label === 'string')
    return `「${(value as { label: string }).label}」`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

export function ChangesList({ changes }: { changes: readonly ChangeEntry[] }) {
  const { t } = useTranslation('console');
  if (changes.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policyEditor.changes.nothing')} />;
  return (
    <Flex vertical gap={6} data-testid="changes-list">
      {changes.map((c) => (
        <Flex key={c.path} gap={8} align="baseline" wrap>
          <Tag color={c.before === undefined ? 'green' : c.after === undefined ? 'red' : 'blue'}>
            {c.before === undefined
              ? t('policyEditor.changes.added')
              : c.after === undefined
                ? t('policyEditor.changes.removed')
                : t('policyEditor.changes.changed')}
          </Tag>
          <Typography.Text strong>{changeLabel(c.path, t)}</Typography.Text>
          {c.before !== undefined ? (
            <Typography.Text delete type="secondary">
              {shown(c.before, t)}
            </Typography.Text>
          ) : null}
          {c.before !== undefined && c.after !== undefined ? <ArrowRightOutlined style={{ color: '#8c8c8c' }} /> : null}
          {c.after !== undefined ? <Typography.Text>{shown(c.after, t)}</Typography.Text> : null}
        </Flex>
      ))}
    </Flex>
  );
}
