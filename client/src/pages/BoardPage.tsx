import { CARD_KINDS, setBoardTitle } from '@trama/shared';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberBoard } from '../app/recentBoards';
import { useBoard } from '../board/useBoard';
import { usePresence } from '../board/usePresence';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { LabelInput } from '../components/LabelInput';
import { NameField } from '../components/NameField';
import { PresenceList } from '../components/PresenceList';
import { SectionColumn } from '../components/SectionColumn';
import { ShareLink } from '../components/ShareLink';
import { useIdentity } from '../identity/identity';
import { useBoardConnection } from '../sync/useBoardConnection';
import { isNewBoardState } from './HomePage';

function initialTitleFromHistory(): string | undefined {
  const state: unknown = window.history.state;
  return isNewBoardState(state) && state.newBoardTitle !== '' ? state.newBoardTitle : undefined;
}

/** The board of one tavolo: its three steps side by side, who is here, and the connection. */
export function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const titleInputId = useId();
  const [initialTitle] = useState(initialTitleFromHistory);
  const { identity, draftName, setDraftName } = useIdentity((n) =>
    t('identity.defaultName', { n }),
  );
  const { connection, state } = useBoardConnection(boardId, initialTitle);
  const board = useBoard(state.ready && connection ? connection.doc : null);
  const participants = usePresence(connection?.awareness ?? null);
  const shareUrl = `${window.location.origin}/b/${encodeURIComponent(boardId)}`;
  const title = board?.title ?? initialTitle ?? '';
  const shownTitle = title.trim() || t('board.untitled');

  useEffect(() => {
    connection?.awareness.setLocalStateField('user', {
      name: identity.name,
      color: identity.color,
    });
  }, [connection, identity]);

  useEffect(() => {
    document.title = t('board.documentTitle', { title: shownTitle });
  }, [t, shownTitle]);

  useEffect(() => {
    if (board !== null) rememberBoard(boardId, board.title);
  }, [boardId, board]);

  return (
    <div className="board">
      <div className="board__top">
        <h1 className="board__title" data-testid="board-title">
          {shownTitle}
        </h1>
        <ConnectionIndicator status={state.status} />
      </div>
      <div className="board__tools">
        {board !== null && connection !== null ? (
          <div className="field">
            <label htmlFor={titleInputId} className="field__label">
              {t('board.titleLabel')}
            </label>
            <LabelInput
              id={titleInputId}
              className="input"
              value={board.title}
              placeholder={t('board.untitled')}
              onCommit={(value) => setBoardTitle(connection.doc, value)}
              data-testid="board-title-input"
            />
          </div>
        ) : null}
        <NameField value={draftName} onChange={setDraftName} />
        <ShareLink url={shareUrl} />
      </div>
      <div className="board__body">
        {board !== null && connection !== null ? (
          <section className="board__sections" aria-label={t('board.sectionsLabel')}>
            {CARD_KINDS.map((kind) => (
              <SectionColumn
                key={kind}
                doc={connection.doc}
                awareness={connection.awareness}
                kind={kind}
                cards={board.cards[kind]}
              />
            ))}
          </section>
        ) : (
          <p className="board__loading" data-testid="board-loading">
            {state.problem === 'wrongKind'
              ? t('board.wrongKind')
              : state.problem === 'refused'
                ? t('board.rejected')
                : t('board.loading')}
          </p>
        )}
        <PresenceList participants={participants} />
      </div>
    </div>
  );
}
