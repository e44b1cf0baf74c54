import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyField } from './CopyField';

/**
 * The facilitator's own link, shown once right after the percorso is created: it opens
 * everything, and the server cannot show it again.
 */
export function SecretLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const warningId = useId();
  return (
    <section
      className="secret-link alert alert-warning"
      aria-labelledby={headingId}
      data-testid="secret-link"
    >
      <h2 id={headingId}>{t('invites.secret.heading')}</h2>
      <p id={warningId} className="secret-link__warning" role="alert">
        <strong>{t('invites.secret.warningStrong')}</strong> {t('invites.secret.warning')}
      </p>
      <CopyField
        label={t('invites.secret.label')}
        value={url}
        testId="secret-link-url"
        describedBy={warningId}
      />
    </section>
  );
}
