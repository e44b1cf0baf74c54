import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLinkHandler } from '../app/router';

export function NotFoundPage({ invalidBoardId }: { invalidBoardId?: string | undefined }) {
  const { t } = useTranslation();
  const onHome = useLinkHandler('/');
  useEffect(() => {
    document.title = t('notFound.documentTitle');
  }, [t]);
  return (
    <div className="not-found">
      <h1>{t('notFound.heading')}</h1>
      <p>
        {invalidBoardId === undefined
          ? t('notFound.body')
          : t('notFound.invalidBoard', { id: invalidBoardId })}
      </p>
      <p>
        <a href="/" onClick={onHome}>
          {t('notFound.back')}
        </a>
      </p>
    </div>
  );
}
