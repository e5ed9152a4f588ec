/** The bar on top of every portal page: back, title, language. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type Language, setLanguage } from '../../i18n/index.ts';
import { BackIcon } from './icons.tsx';

export type PageHeaderProps = { title: string; back?: string | true };

/** Switches between 中文 and English. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation('portal');
  const next: Language = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className="pt-lang"
      onClick={() => void setLanguage(next)}
      aria-label={t('language.switchTo', { language: t(`common:languageName.${next}`) })}
    >
      <span lang={next}>{next === 'en' ? 'EN' : '中文'}</span>
    </button>
  );
}

export function PageHeader({ title, back }: PageHeaderProps) {
  const navigate = useNavigate();
  const { t } = useTranslation('portal');
  useEffect(() => {
    document.title = `${title} · ${t('brand')}`;
  }, [title, t]);
  return (
    <header className="pt-header">
      {back ? (
        <button
          type="button"
          className="pt-header-back"
          aria-label={t('common:actions.back')}
          onClick={() => (back === true ? (window.history.length > 1 ? navigate(-1) : navigate('/portal')) : navigate(back))}
        >
          <BackIcon size={22} />
        </button>
      ) : (
        <span className="pt-header-spacer" />
      )}
      <h1 className="pt-header-title">{title}</h1>
      <LanguageSwitch />
    </header>
  );
}
