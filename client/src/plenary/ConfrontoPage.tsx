import type { MeReply } from '@trama/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { percorsoPath, useLinkHandler } from '../app/router';
import { AccessNotice, AccessPending } from '../auth/AccessNotice';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { ConfrontoTable, useConfronto } from './ConfrontoView';
import { usePlenaryAccess } from './plenaryAccess';
import { usePercorsoPlenary } from './usePlenaryState';
import './plenary.css';

/**
 * `/p/<percorsoId>/confronto`: the snodi side by side, readable on a projector too; the
 * spotlight follows the facilitator's focus; refreshed every few seconds and on each focus.
 */
export function ConfrontoPage({ percorsoId }: { percorsoId: string }) {
  const { t } = useTranslation();
  const access = usePlenaryAccess(percorsoId);
  useEffect(() => {
    document.title = t('plenary.confronto.documentTitle');
  }, [t]);
  if (access.status !== 'granted') {
    return (
      <AccessPending
        access={access}
        checking={
          <p role="status" className="board__loading">
            {t('plenary.projector.checking')}
          </p>
        }
      />
    );
  }
  return <Confronto percorsoId={percorsoId} token={access.token} me={access.me} />;
}

function Confronto({ percorsoId, token, me }: { percorsoId: string; token: string; me: MeReply }) {
  const { t } = useTranslation();
  const { plenary, state } = usePercorsoPlenary(me.percorsoBoardId, token);
  const focus = plenary.focus.focus;
  const spotlight = focus.kind === 'confronto' ? focus.spotlight : null;
  const { data, error } = useConfronto(percorsoId, token, plenary.focus.seq);
  const back = percorsoPath(percorsoId);
  const onBack = useLinkHandler(back);
  return (
    <div className="confronto-page" data-testid="confronto-page">
      <div className="confronto-page__top">
        <a href={back} onClick={onBack}>
          {t('plenary.confronto.back')}
        </a>
        {state !== null ? <ConnectionIndicator status={state.status} /> : null}
      </div>
      {error === 'refused' ? <AccessNotice reason="refused" /> : null}
      {error === 'offline' ? (
        <p role="status" className="field__hint">
          {t('plenary.confronto.offline')}
        </p>
      ) : null}
      {data === null ? (
        <p role="status">{t('plenary.confronto.loading')}</p>
      ) : (
        <ConfrontoTable data={data} spotlight={spotlight} headingLevel={1} />
      )}
    </div>
  );
}
