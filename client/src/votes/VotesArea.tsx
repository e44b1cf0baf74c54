import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { BoardAccess } from '../auth/access';
import { useAnnounce } from '../components/Announcer';
import { BallotPanel } from './BallotPanel';
import { ManageVotePanel } from './ManageVotePanel';
import { OpenVoteForm } from './OpenVoteForm';
import { ResultsPanel } from './ResultsPanel';
import { useVotazioni } from './voteHooks';
import { type CardsByKind, revealedVotes, voteTransition } from './voteModel';
import './votes.css';

/**
 * Dot votes on a snodo board (contract: server/PLENARY.md). Whoever may lock the board opens,
 * watches the turnout of, reveals or cancels a vote; whoever may write the board places
 * dots; everyone sees the revealed results. What is open or revealed is read from the board
 * (the server writes it); ballots and turnout come over HTTP.
 */
export function VotesArea({
  doc,
  boardId,
  access,
  canEdit,
  cards,
}: {
  doc: Y.Doc;
  boardId: string;
  access: BoardAccess;
  canEdit: boolean;
  cards: CardsByKind;
}) {
  const { t } = useTranslation();
  const list = useVotazioni(doc);
  const [formOpen, setFormOpen] = useState(false);
  const open = useMemo(() => list.find((vote) => vote.status === 'open'), [list]);
  const revealed = useMemo(() => revealedVotes(list), [list]);
  const token = access.status === 'granted' ? access.token : null;
  const manages = token !== null && access.canManage;
  const votes = token !== null && canEdit;
  const announce = useAnnounce();
  const root = useRef<HTMLDivElement>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  // undefined: not looked at yet (a vote already open when the page loads is not news).
  const openBefore = useRef<string | null | undefined>(undefined);

  // Say what changed (for screen readers), and keep focus in the votes when a panel closes.
  useEffect(() => {
    const previous = openBefore.current;
    openBefore.current = open?.id ?? null;
    if (previous === undefined) return;
    const change = voteTransition(previous, list);
    if (change.kind === 'none') return;
    announce(
      change.kind === 'opened'
        ? t('votes.open.opened', { titolo: change.vote.titolo })
        : t(change.kind === 'revealed' ? 'votes.manage.revealed' : 'votes.manage.cancelled'),
    );
    if (document.activeElement !== document.body) return;
    const next = root.current?.querySelector<HTMLElement>(
      change.kind === 'opened'
        ? '.votes-panel__heading[tabindex]'
        : '[data-testid="vote-results"] summary',
    );
    (next ?? newButton.current)?.focus();
  }, [open, list, announce, t]);

  if (open === undefined && revealed.length === 0 && !manages) return null;
  return (
    <div ref={root} className="votes" data-testid="votes">
      {manages && open === undefined ? (
        formOpen ? (
          <OpenVoteForm
            boardId={boardId}
            token={token}
            cards={cards}
            onClose={(opened) => {
              setFormOpen(false);
              if (!opened) requestAnimationFrame(() => newButton.current?.focus());
            }}
          />
        ) : (
          <button
            ref={newButton}
            type="button"
            className="button button--small votes__new"
            onClick={() => setFormOpen(true)}
            data-testid="vote-new"
          >
            {t('votes.open.toggle')}
          </button>
        )
      ) : null}
      {open !== undefined && manages ? (
        <ManageVotePanel boardId={boardId} token={token} vote={open} />
      ) : null}
      {open !== undefined && votes ? (
        <BallotPanel key={open.id} boardId={boardId} token={token} vote={open} cards={cards} />
      ) : null}
      {open !== undefined && !votes && !manages ? (
        <p className="votes-panel votes__watching" data-testid="vote-watching">
          {t('votes.ballot.readOnly', { titolo: open.titolo })}
        </p>
      ) : null}
      {revealed.map((vote, index) => (
        <ResultsPanel key={vote.id} vote={vote} cards={cards} open={index === 0} />
      ))}
    </div>
  );
}
