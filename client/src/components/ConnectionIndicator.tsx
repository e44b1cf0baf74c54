import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../sync/connectionStatus';

/** The connection state in words and colour; announced politely when it changes. */
export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  return (
    <div className="connection" data-status={status} data-testid="connection-status">
      <span className="connection__label">{t('status.label')}:</span>{' '}
      <span role="status" aria-live="polite" className="connection__value">
        <span className="connection__dot" aria-hidden="true" />
        {t(`status.${status}`)}
      </span>
    </div>
  );
}
