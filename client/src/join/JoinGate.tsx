import type { MeReply, ResolveCodeReply } from '@trama/shared';
import { Card } from 'design-react-kit';
import { type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessNotice } from '../auth/AccessNotice';
import { ApiError, api } from '../auth/api';
import {
  captureFragmentToken,
  hasJoined,
  markJoined,
  readAccess,
  tokenForBoard,
  tokenForPercorso,
} from '../auth/tokens';
import { JoinForm } from './JoinForm';

function lookup(kind: 'board' | 'percorso', id: string): string | null {
  captureFragmentToken();
  const access = readAccess();
  return kind === 'board' ? tokenForBoard(access, id) : tokenForPercorso(access, id);
}

/** What the invite leads to, in words: "partecipante · Tavolo anziani (Percorso Welfare 2026)". */
export function JoinContext({
  role,
  percorsoTitle,
  boardTitle,
}: {
  role: ResolveCodeReply['role'];
  percorsoTitle?: string | undefined;
  boardTitle?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <dl className="join-context" data-testid="join-context">
      {percorsoTitle ? (
        <>
          <dt>{t('join.context.percorso')}</dt>
          <dd>{percorsoTitle}</dd>
        </>
      ) : null}
      {boardTitle ? (
        <>
          <dt>{t('join.context.board')}</dt>
          <dd>{boardTitle}</dd>
        </>
      ) : null}
      <dt>{t('join.context.role')}</dt>
      <dd lang="it" data-testid="join-role">
        {t(`access.roles.${role}`)}
      </dd>
    </dl>
  );
}

/**
 * Before a board or percorso opened from an invite link is shown, asks once per invite who
 * is joining (name, ente, optional email). Tokens this device created (the facilitator's own
 * link) count as joined. Without a token it shows the page, which explains what is missing.
 */
export function JoinGate({
  kind,
  id,
  children,
}: {
  kind: 'board' | 'percorso';
  id: string;
  children: ReactNode;
}) {
  const [token] = useState(() => lookup(kind, id));
  const [joined, setJoined] = useState(() => token === null || hasJoined(token));
  const onJoined = useCallback(() => setJoined(true), []);
  if (joined || token === null) return children;
  return <JoinStep token={token} kind={kind} id={id} onJoined={onJoined} />;
}

function JoinStep({
  token,
  kind,
  id,
  onJoined,
}: {
  token: string;
  kind: 'board' | 'percorso';
  id: string;
  onJoined: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [me, setMe] = useState<MeReply | null>(null);
  const [refused, setRefused] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.me(token, controller.signal).then(
      (reply) => {
        // A projector is a display, not a person: nobody to name, nothing to record.
        if (reply.role === 'proiettore') {
          markJoined(token);
          onJoined();
          return;
        }
        setMe(reply);
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.refused) setRefused(error.message);
      },
    );
    return () => controller.abort();
  }, [token, onJoined]);

  useEffect(() => {
    document.title = t('join.documentTitle');
  }, [t]);

  if (refused !== null) return <AccessNotice reason="denied" message={refused} />;
  const percorsoTitle = me?.boards.find((board) => board.kind === 'percorso')?.title;
  const boardTitle =
    kind === 'board' ? me?.boards.find((board) => board.boardId === id)?.title : undefined;
  return (
    <Card
      tag="section"
      shadow="sm"
      rounded
      className="join panel"
      aria-labelledby={headingId}
      testId="join-gate"
    >
      <h1 id={headingId}>{t('join.heading')}</h1>
      <p className="lead">{t('join.intro')}</p>
      {me !== null ? (
        <JoinContext role={me.role} percorsoTitle={percorsoTitle} boardTitle={boardTitle} />
      ) : null}
      <JoinForm token={token} target={{ kind, id }} onJoined={onJoined} />
    </Card>
  );
}
