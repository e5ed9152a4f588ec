/** 中文 / English: switches at once and is remembered for the signed-in user. */
import { GlobalOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index.ts';
import { useSession } from '../session/session.tsx';

/** `compact` (a phone's header) leaves out the globe. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation('common');
  const { changeLanguage } = useSession();
  return (
    <Segmented<Language>
      data-testid="language-switch"
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      onChange={(language) => void changeLanguage(language)}
      options={[
        { value: 'zh-CN', label: t('languageName.zh-CN'), ...(compact ? {} : { icon: <GlobalOutlined /> }) },
        { value: 'en', label: t('languageName.en') },
      ]}
    />
  );
}
