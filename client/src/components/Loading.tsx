import { useTranslation } from 'react-i18next';

/** What shows while a part of the app loads on demand. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('app.loading')}
    </p>
  );
}
