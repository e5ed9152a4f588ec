/**
 * i18n: zh-CN first, English second. Each part of the web app keeps its strings in its
 * own namespace file (common, console, portal, finance, analytics, warehouse, integrations) for both languages.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAnalytics from './locales/en/analytics.json';
import enCommon from './locales/en/common.json';
import enConsole from './locales/en/console.json';
import enFinance from './locales/en/finance.json';
import enIntegrations from './locales/en/integrations.json';
import enPortal from './locales/en/portal.json';
import enWarehouse from './locales/en/warehouse.json';
import zhAnalytics from './locales/zh-CN/analytics.json';
import zhCommon from './locales/zh-CN/common.json';
import zhConsole from './locales/zh-CN/console.json';
import zhFinance from './locales/zh-CN/finance.json';
import zhIntegrations from './locales/zh-CN/integrations.json';
import zhPortal from './locales/zh-CN/portal.json';
import zhWarehouse from './locales/zh-CN/warehouse.json';

export type Language = 'zh-CN' | 'en';
export const languages: Language[] = ['zh-CN', 'en'];
const storageKey = 'rf.lang';

/** The language saved on this device, else from the URL (?lang=en), else Chinese. */
export function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh-CN') return fromUrl;
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // no storage (private mode): fall through
  }
  return 'zh-CN';
}

/** Switches the language and remembers it on this device. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // ignore
  }
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

void i18next.use(initReactI18next).init({
  resources: {
    'zh-CN': {
      common: zhCommon,
      console: zhConsole,
      portal: zhPortal,
      finance: zhFinance,
      analytics: zhAnalytics,
      warehouse: zhWarehouse,
      integrations: zhIntegrations,
    },
    en: {
      common: enCommon,
      console: enConsole,
      portal: enPortal,
      finance: enFinance,
      analytics: enAnalytics,
      warehouse: enWarehouse,
      integrations: enIntegrations,
    },
  },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: ['common', 'console', 'portal', 'finance', 'analytics', 'warehouse', 'integrations'],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export default i18next;
