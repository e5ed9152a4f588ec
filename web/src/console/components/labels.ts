/** Names of codes in the interface language: stages (from the process), reasons (from the policy), roles, channels. */
import { useTranslation } from 'react-i18next';
import { useProcess, useReasons } from '../api/queries.ts';

/** Label functions bound to the current language and the shop's process and policy. */
export function useLabels() {
  const { t, i18n } = useTranslation('console');
  const english = i18n.language === 'en';
  const process = useProcess();
  const policy = useReasons();
  return {
    english,
    stage: (code: string | null | undefined): string => {
      if (!code) return '—';
      const stage = process.data?.stages.find((s) => s.code === code);
      if (stage) return english ? stage.nameEn : stage.name;
      return t(`stage.${code}`, { defaultValue: code });
    },
    reason: (code: string | null | undefined): string => {
      if (!code) return '—';
      const reason = policy.data?.reasons.flatMap((r) => [r, ...(r.children ?? [])]).find((r) => r.code === code);
      if (reason) return english ? (reason.labelEn ?? reason.label) : reason.label;
      return t(`reason.${code}`, { defaultValue: code });
    },
    role: (role: string | null | undefined): string => (role ? t(`role.${role}`, { defaultValue: role }) : '—'),
    channel: (channel: string | null | undefined): string => (channel ? t(`channel.${channel}`, { defaultValue: channel }) : '—'),
    location: (code: string | null | undefined): string => (code ? t(`location.${code}`, { defaultValue: code }) : t('location.none')),
    reasons: policy.data?.reasons ?? [],
    stages: process.data?.stages ?? [],
  };
}
