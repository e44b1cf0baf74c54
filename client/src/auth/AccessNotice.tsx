import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLinkHandler } from '../app/router';
import type { AccessStatus } from './access';

/**
 * Why a board or percorso cannot be opened (or edited) from this device, with a way out:
 * join again with a code or link, or go home.
 * - `missing`: this device holds no access for it (a link without its `#t=` part);
 * - `denied`: the server refused the token (expired, revoked, or not for this board);
 * - `refused`: the sync server closed the connection for good (4401/4403);
 * - `readOnly`: this access only reads; an edit was refused (4405) and not applied.
 */
export type AccessNoticeReason = 'missing' | 'denied' | 'refused' | 'readOnly';

export function AccessNotice({
  reason,
  message,
}: {
  reason: AccessNoticeReason;
  /** The server's own explanation, shown under ours. */
  message?: string | undefined;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const onJoin = useLinkHandler('/j');
  const onHome = useLinkHandler('/');
  return (
    <section
      className="access-notice"
      aria-labelledby={headingId}
      data-testid="access-notice"
      data-reason={reason}
    >
      <h2 id={headingId}>{t(`access.${reason}.heading`)}</h2>
      <p role={reason === 'readOnly' ? 'status' : 'alert'}>{t(`access.${reason}.body`)}</p>
      {message !== undefined && message !== '' ? (
        <p className="access-notice__detail">{t('access.serverSaid', { message })}</p>
      ) : null}
      {reason === 'readOnly' ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => window.location.reload()}
        >
          {t('access.reload')}
        </button>
      ) : (
        <p className="access-notice__actions">
          <a href="/j" onClick={onJoin} className="button button--primary">
            {t('access.joinAgain')}
          </a>{' '}
          <a href="/" onClick={onHome} className="button button--ghost">
            {t('access.home')}
          </a>
        </p>
      )}
    </section>
  );
}

/**
 * What a page shows until its access (`usePlenaryAccess`, `usePercorsoAccess`) is granted:
 * the notice when there is no token or the server refused it, and the page's own `checking`
 * status while the server is asked; nothing once granted.
 */
export function AccessPending({
  access,
  checking,
}: {
  access: { readonly status: AccessStatus; readonly message?: string | undefined };
  checking: ReactNode;
}) {
  switch (access.status) {
    case 'missing':
      return <AccessNotice reason="missing" />;
    case 'denied':
      return <AccessNotice reason="denied" message={access.message} />;
    case 'checking':
      return checking;
    case 'granted':
      return null;
  }
}
