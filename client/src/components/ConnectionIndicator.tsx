import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../sync/connectionStatus';

/**
 * The connection state in words and colour, announced politely when it changes; says when
 * edits made here are waiting to be sent (they are kept in this browser meanwhile).
 */
export function ConnectionIndicator({
  status,
  pending = false,
}: {
  status: ConnectionStatus;
  pending?: boolean;
}) {
  const { t } = useTranslation();
  const waiting = pending && status !== 'connected';
  return (
    <div
      className="connection"
      data-status={status}
      data-pending={waiting || undefined}
      data-testid="connection-status"
    >
      <span className="connection__label">{t('status.label')}:</span>{' '}
      <span role="status" aria-live="polite" className="connection__value">
        <span className="connection__dot" aria-hidden="true" />
        {t(`status.${status}`)}
        {waiting ? (
          <span className="connection__pending" data-testid="pending-edits">
            {' '}
            · {t('connection.pending')}
          </span>
        ) : null}
      </span>
    </div>
  );
}
