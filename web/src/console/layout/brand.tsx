/** The product mark: a return arrow in a rounded square, and the name. */
import { useTranslation } from 'react-i18next';

export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#1677ff" />
      <path d="M10 13h10a5 5 0 0 1 0 10h-6" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
      <path d="M14 8.5 9.5 13l4.5 4.5" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation('console');
  return (
    <div style={{ height: 64, display: 'flex', alignItems: 'center', gap: 10, padding: collapsed ? '0 26px' : '0 20px', overflow: 'hidden' }}>
      <BrandMark />
      {collapsed ? null : (
        <div style={{ lineHeight: 1.2, whiteSpace: 'nowrap' }}>
          <div style={{ color: '#fff', fontWeight: 600, fontSize: 17 }}>{t('brand.name')}</div>
          <div style={{ color: 'rgba(255,255,255,0.55)', fontSize: 12 }}>{t('brand.tagline')}</div>
        </div>
      )}
    </div>
  );
}
