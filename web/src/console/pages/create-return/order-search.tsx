/** Finding the caller's order by its number or their phone number. */
import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../../api/http.ts';
import type { OrderView, Page } from '../../../api/types.ts';
import { api, errorText } from '../../api/client.ts';
import { formatDate } from '../../components/format.ts';
import { Money } from '../../components/money.tsx';

type By = 'number' | 'phone';

export function OrderSearch({ onPick }: { onPick: (order: OrderView) => void }) {
  const { t, i18n } = useTranslation('console');
  const [by, setBy] = useState<By>('number');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<OrderView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(text: string) {
    const q = text.trim();
    if (!q) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api.get<Page<OrderView>>(`orders${query({ [by]: q, limit: 20 })}`);
      setResults(page.data);
      const only = page.data[0];
      if (page.data.length === 1 && only) onPick(only);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('create.step1')} size="small">
      <Flex gap={12} wrap align="center">
        <Segmented<By>
          value={by}
          onChange={(v) => setBy(v)}
          options={[
            { value: 'number', label: t('create.byNumber') },
            { value: 'phone', label: t('create.byPhone') },
          ]}
        />
        <Input.Search
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onSearch={(v) => void search(v)}
          loading={busy}
          enterButton={
            <Button type="primary" icon={<SearchOutlined />}>
              {t('create.find')}
            </Button>
          }
          placeholder={by === 'number' ? t('create.numberPlaceholder') : t('create.phonePlaceholder')}
          style={{ maxWidth: 420 }}
          data-testid="order-search"
        />
      </Flex>
      {error ? (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 12 }}>
          {error}
        </Typography.Text>
      ) : null}
      {results && results.length === 0 ? <Empty description={t('create.noOrder')} style={{ marginTop: 16 }} /> : null}
      {results && results.length > 1 ? (
        <Table<OrderView>
          rowKey="id"
          size="small"
          style={{ marginTop: 16 }}
          pagination={false}
          dataSource={results}
          columns={[
            { title: t('order.number'), dataIndex: 'number' },
            { title: t('order.placedAt'), dataIndex: 'placedAt', render: (v: string) => formatDate(v, i18n.language) },
            { title: t('create.items'), key: 'items', ellipsis: true, render: (_, o) => o.lines.map((l) => l.name).join(t('sep.list')) },
            { title: t('order.paid'), key: 'total', align: 'right', render: (_, o) => <Money amount={o.totalAmount} currency={o.currency} /> },
            {
              title: '',
              key: 'pick',
              width: 90,
              render: (_, o) => (
                <Button size="small" type="link" onClick={() => onPick(o)}>
                  {t('create.pick')}
                </Button>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
