/** What a page of this area shows to someone whose roles give them none of it (the menu hides it; an address typed by hand lands here). */
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function NoAccess() {
  const { t } = useTranslation('integrations');
  return <Result status="403" title={t('noAccess.title')} subTitle={t('noAccess.text')} data-testid="no-access" />;
}
