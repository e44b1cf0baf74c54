import type { FocusState, JoinDisplay, MeReply } from '@trama/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessNotice, AccessPending } from '../auth/AccessNotice';
import { absoluteLink } from '../auth/access';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { QrCode } from '../invites/QrCode';
import { usePercorsoBoard } from '../percorso/percorsoStore';
import { useBoardConnection } from '../sync/useBoardConnection';
import { CardFocus, SnodoFocus, StepFocus } from './boardViews';
import { ConfrontoTable, useConfronto } from './ConfrontoView';
import { usePlenaryAccess } from './plenaryAccess';
import { TimerDisplay } from './TimerDisplay';
import { useAutoFit } from './useAutoFit';
import { usePlenaryState, useResyncOnReconnect } from './usePlenaryState';
import { useServerClock } from './useServerClock';
import './plenary.css';

/** Projector type is 44 px at fit 1; it never shrinks below 24 px (24 / 44). */
const MIN_FIT = 24 / 44;

/**
 * `/p/<percorsoId>/proiettore`: the wall of the plenary. Read-only (a proiettore token, or
 * the facilitator's own), large type, follows the facilitator's focus live, the shared timer,
 * and the join QR code when the facilitator shows it. Reconnects by itself.
 */
export function ProjectorPage({ percorsoId }: { percorsoId: string }) {
  const { t } = useTranslation();
  const access = usePlenaryAccess(percorsoId);
  useEffect(() => {
    document.title = t('plenary.projector.documentTitle');
  }, [t]);
  if (access.status !== 'granted') {
    return (
      <AccessPending
        access={access}
        checking={
          <p role="status" className="projector-waiting" data-testid="projector-checking">
            {t('plenary.projector.checking')}
          </p>
        }
      />
    );
  }
  return <ProjectorScreen percorsoId={percorsoId} token={access.token} me={access.me} />;
}

function ProjectorScreen({
  percorsoId,
  token,
  me,
}: {
  percorsoId: string;
  token: string;
  me: MeReply;
}) {
  const { t } = useTranslation();
  const { connection, state } = useBoardConnection(me.percorsoBoardId, undefined, {
    token,
    kind: 'percorso',
    readOnly: true,
  });
  const doc = state.ready && connection !== null ? connection.doc : null;
  const plenary = usePlenaryState(doc);
  const percorso = usePercorsoBoard(doc);
  useServerClock();
  useResyncOnReconnect(state);
  const main = useRef<HTMLDivElement>(null);
  const { focus } = plenary.focus;
  useAutoFit(main, MIN_FIT, `${plenary.focus.seq}:${focus.kind}`);
  const title = percorso?.title || t('percorso.untitled');

  useEffect(() => {
    document.title = t('plenary.projector.documentTitleOf', { title });
  }, [t, title]);

  if (state.problem === 'refused') return <AccessNotice reason="refused" />;
  const showTimer = plenary.timer.status !== 'idle';
  const side = showTimer || plenary.join !== null;
  return (
    <div
      className={`projector${side ? ' projector--side' : ''}`}
      data-testid="projector"
      data-focus-kind={focus.kind}
      data-focus-seq={plenary.focus.seq}
    >
      <div className="projector__main" ref={main} data-testid="projector-main">
        {doc === null ? (
          <p className="projector__empty" role="status">
            {t('plenary.projector.connecting')}
          </p>
        ) : (
          <FocusContent focus={plenary.focus} percorsoId={percorsoId} token={token} title={title} />
        )}
      </div>
      {side ? (
        <aside className="projector__side" aria-label={t('plenary.projector.sideLabel')}>
          <TimerDisplay timer={plenary.timer} variant="projector" />
          {plenary.join !== null ? <JoinPanel join={plenary.join} /> : null}
        </aside>
      ) : (
        <TimerDisplay timer={plenary.timer} variant="projector" />
      )}
      <div className="projector__status">
        <ConnectionIndicator status={state.status} />
      </div>
    </div>
  );
}

function FocusContent({
  focus: state,
  percorsoId,
  token,
  title,
}: {
  focus: FocusState;
  percorsoId: string;
  token: string;
  title: string;
}) {
  const { t } = useTranslation();
  const { focus } = state;
  switch (focus.kind) {
    case 'none':
      return (
        <article className="projector-home" data-testid="projector-home">
          <p className="projector__kicker" lang="it">
            {t('plenary.projector.plenaria')}
          </p>
          <h1>{title}</h1>
        </article>
      );
    case 'step':
      return <StepFocus step={focus.step} />;
    case 'snodo':
      return <SnodoFocus key={focus.boardId} boardId={focus.boardId} token={token} />;
    case 'card':
      return (
        <CardFocus
          key={focus.boardId}
          boardId={focus.boardId}
          cardId={focus.cardId}
          token={token}
        />
      );
    case 'confronto':
      return (
        <ProjectorConfronto
          percorsoId={percorsoId}
          token={token}
          spotlight={focus.spotlight}
          seq={state.seq}
        />
      );
  }
}

function ProjectorConfronto({
  percorsoId,
  token,
  spotlight,
  seq,
}: {
  percorsoId: string;
  token: string;
  spotlight: string | null;
  seq: number;
}) {
  const { t } = useTranslation();
  const { data } = useConfronto(percorsoId, token, seq);
  if (data === null) return <p className="projector__empty">{t('plenary.confronto.loading')}</p>;
  return <ConfrontoTable data={data} spotlight={spotlight} headingLevel={1} />;
}

/** The join QR code and short code, as the facilitator chose to show them. */
function JoinPanel({ join }: { join: NonNullable<JoinDisplay> }) {
  const { t } = useTranslation();
  const link = absoluteLink(join.link);
  const joinPage = absoluteLink('/j');
  return (
    <section
      className="projector-join"
      data-testid="projector-join"
      aria-labelledby="projector-join-heading"
    >
      <h2 id="projector-join-heading">{t('plenary.projector.joinHeading')}</h2>
      <QrCode
        text={link}
        label={t('plenary.projector.qrLabel', { label: join.label || join.code })}
        size={260}
      />
      <p className="projector-join__code">
        {t('plenary.projector.codeAt', { url: joinPage.replace(/^https?:\/\//, '') })}{' '}
        <strong data-testid="projector-join-code">{join.code}</strong>
      </p>
    </section>
  );
}
