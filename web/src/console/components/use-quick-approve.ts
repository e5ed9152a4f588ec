/** Approving requested returns straight from a list: one, or a selection in bulk. */
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText, idempotencyKey } from '../api/client.ts';
import type { ConsoleReturnRow } from '../api/console-types.ts';

export function useQuickApprove() {
  const { t } = useTranslation('console');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [approving, setApproving] = useState<string | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);

  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['returns'] }), client.invalidateQueries({ queryKey: ['queues'] })]);

  async function approveOne(row: Pick<ConsoleReturnRow, 'id' | 'number'>) {
    setApproving(row.id);
    try {
      await api.post(`returns/${row.id}/approve`, {}, idempotencyKey());
      message.success(t('review.approvedOne', { number: row.number }));
    } catch (error) {
      message.error(`${row.number}: ${errorText(t, error)}`);
    } finally {
      setApproving(null);
      await refresh();
    }
  }

  /** Approves each id in turn; reports how many passed and which failed. */
  async function approveMany(ids: readonly string[]): Promise<void> {
    setBulkBusy(true);
    let done = 0;
    const failed: string[] = [];
    for (const id of ids) {
      try {
        await api.post(`returns/${id}/approve`, {}, idempotencyKey());
        done += 1;
      } catch {
        failed.push(id);
      }
    }
    setBulkBusy(false);
    await refresh();
    if (failed.length === 0) message.success(t('review.approvedMany', { count: done }));
    else message.warning(t('review.approvedSome', { done, failed: failed.length }));
  }

  return { approving, bulkBusy, approveOne, approveMany };
}
