import type { MeReply } from '@trama/shared';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { readPreference, writePreference } from '../app/preferences';
import { boardPath, confrontoPath, percorsoPath, useLinkHandler } from '../app/router';
import { currentLanguage } from '../i18n';
import { type BoardTitles, describeFocus } from './focusText';
import { plenaryApi } from './plenaryApi';
import { TimerDisplay } from './TimerDisplay';
import { type PlenaryState, usePercorsoPlenary } from './usePlenaryState';
import './plenary.css';

const FOLLOW_KEY = 'plenary.follow.';

/** Whether this person follows the facilitator on this page (kept per board on the device). */
export function useFollowing(pageId: string): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => readPreference(FOLLOW_KEY + pageId) !== 'off');
  return [
    on,
    (next: boolean) => {
      writePreference(FOLLOW_KEY + pageId, next ? 'on' : 'off');
      setOn(next);
    },
  ];
}

function isEditing(): boolean {
  const active = document.activeElement;
  return (
    active instanceof HTMLElement &&
    (active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName))
  );
}

/** Pure: where a focus lives, seen from a page showing `boardId` (null: the percorso page). */
export function focusTarget(
  focus: PlenaryState['focus']['focus'],
  here: string | null,
  percorsoId: string,
): { kind: 'here'; cardId: string | null } | { kind: 'link'; href: string } | { kind: 'none' } {
  switch (focus.kind) {
    case 'none':
      return { kind: 'none' };
    case 'step':
      return focus.step <= 6
        ? here === null
          ? { kind: 'none' }
          : { kind: 'link', href: `${percorsoPath(percorsoId)}#passaggi` }
        : { kind: 'none' };
    case 'snodo':
      return focus.boardId === here
        ? { kind: 'here', cardId: null }
        : { kind: 'link', href: boardPath(focus.boardId) };
    case 'card':
      return focus.boardId === here
        ? { kind: 'here', cardId: focus.cardId }
        : { kind: 'link', href: `${boardPath(focus.boardId)}` };
    case 'confronto':
      return { kind: 'link', href: confrontoPath(percorsoId) };
  }
}

function GoLink({ href, children }: { href: string; children: string }) {
  const onClick = useLinkHandler(href);
  return (
    <a href={href} onClick={onClick} className="follow-bar__link" data-testid="follow-link">
      {children}
    </a>
  );
}

/**
 * The non-intrusive "follow the facilitator" bar of a board or the percorso page: what the
 * facilitator shows, the shared timer, and Segui / Smetti di seguire. Following, a card of
 * this board in focus is brought into view (unless the person is typing); a focus elsewhere
 * offers a link, never a jump.
 */
export function FollowBar({
  plenary,
  percorsoId,
  here,
  boards,
  onGoToCard,
}: {
  plenary: PlenaryState;
  percorsoId: string;
  /** The board this page shows, or null on the percorso page. */
  here: string | null;
  boards: BoardTitles;
  onGoToCard?: ((cardId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const [following, setFollowing] = useFollowing(here ?? `p:${percorsoId}`);
  const { focus, seq } = plenary.focus;
  const target = focusTarget(focus, here, percorsoId);
  const handled = useRef(0);

  const hereCard = target.kind === 'here' ? target.cardId : null;
  useEffect(() => {
    if (!following || seq === handled.current) return;
    // Each focus is acted on once: one that arrives while this person types is left to the
    // "Mostra la scheda" button, and never jumps later when they click elsewhere.
    handled.current = seq;
    if (hereCard === null || onGoToCard === undefined || isEditing()) return;
    onGoToCard(hereCard);
  }, [following, seq, hereCard, onGoToCard]);

  if (focus.kind === 'none' && plenary.timer.status === 'idle') return null;
  const lang = currentLanguage();
  return (
    <section
      className={`follow-bar${following ? ' follow-bar--on' : ''}`}
      aria-label={t('plenary.follow.label')}
      data-testid="follow-bar"
      data-following={following}
    >
      {focus.kind !== 'none' ? (
        following ? (
          <p className="follow-bar__what" data-testid="follow-what">
            {t('plenary.follow.showing')} <strong>{describeFocus(focus, t, lang, boards)}</strong>
            {target.kind === 'link' ? (
              <>
                {' '}
                <GoLink href={target.href}>{t('plenary.follow.go')}</GoLink>
              </>
            ) : null}
            {target.kind === 'here' && target.cardId !== null && onGoToCard !== undefined ? (
              <>
                {' '}
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => onGoToCard(target.cardId as string)}
                  data-testid="follow-show-card"
                >
                  {t('plenary.follow.showCard')}
                </button>
              </>
            ) : null}
          </p>
        ) : (
          <p className="follow-bar__what">{t('plenary.follow.notFollowing')}</p>
        )
      ) : null}
      {focus.kind !== 'none' ? (
        <button
          type="button"
          className="button button--small button--secondary"
          aria-pressed={following}
          onClick={() => setFollowing(!following)}
          data-testid="follow-toggle"
        >
          {following ? t('plenary.follow.stop') : t('plenary.follow.start')}
        </button>
      ) : null}
      <TimerDisplay timer={plenary.timer} variant="bar" soundToggle />
    </section>
  );
}

/**
 * The bar on a snodo board: opens the percorso board read-only (every token of the percorso
 * may read it) to follow focus and timer.
 */
export function BoardFollowBar({
  boardId,
  me,
  token,
  onGoToCard,
}: {
  boardId: string;
  me: MeReply | undefined;
  token: string | null;
  onGoToCard: (cardId: string) => void;
}) {
  const { plenary } = usePercorsoPlenary(me?.percorsoBoardId ?? null, token);
  const boards = useMemo(
    () => new Map((me?.boards ?? []).map((board) => [board.boardId, board.title])),
    [me],
  );
  if (me === undefined) return null;
  return (
    <FollowBar
      plenary={plenary}
      percorsoId={me.percorsoId}
      here={boardId}
      boards={boards}
      onGoToCard={onGoToCard}
    />
  );
}

/** What a facilitator can do with a card from its details: put it in focus for the room. */
interface CardFocusActions {
  readonly focusCard: (cardId: string) => Promise<void>;
}

const CardFocusContext = createContext<CardFocusActions | null>(null);

/** Offered by the board page to a facilitatore (the server checks the role anyway). */
export function CardFocusProvider({
  percorsoId,
  boardId,
  token,
  children,
}: {
  percorsoId: string | null;
  boardId: string;
  token: string | null;
  children: ReactNode;
}) {
  const value = useMemo<CardFocusActions | null>(
    () =>
      percorsoId === null || token === null
        ? null
        : {
            focusCard: async (cardId: string) => {
              await plenaryApi.setFocus(percorsoId, token, { kind: 'card', boardId, cardId });
            },
          },
    [percorsoId, boardId, token],
  );
  return <CardFocusContext value={value}>{children}</CardFocusContext>;
}

/** "Metti in evidenza": shown in a card's details to whoever may put it in focus. */
export function FocusCardButton({ cardId }: { cardId: string }) {
  const { t } = useTranslation();
  const actions = useContext(CardFocusContext);
  const [status, setStatus] = useState('');
  if (actions === null) return null;
  return (
    <div className="focus-card">
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => {
          actions.focusCard(cardId).then(
            () => setStatus(t('plenary.follow.cardFocused')),
            () => setStatus(t('plenary.follow.cardFocusFailed')),
          );
        }}
        data-testid="focus-card"
      >
        {t('plenary.follow.focusCard')}
      </button>
      <span role="status" className="focus-card__status">
        {status}
      </span>
    </div>
  );
}
