import { type CardKind, canEditLockedLane, setBoardTitle } from '@trama/shared';
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { readPreference, writePreference } from '../app/preferences';
import { rememberBoard } from '../app/recentBoards';
import { AccessNotice } from '../auth/AccessNotice';
import { useBoardAccess, useShareLink } from '../auth/access';
import { useBoardUndo, useCanvasSnapshot, useFindings, useLockedLanes } from '../board/boardHooks';
import { useLocalCopy } from '../board/localCopy';
import { useBoard } from '../board/useBoard';
import { editorsByCard, usePresence } from '../board/usePresence';
import { CanvasView } from '../canvas/CanvasView';
import { findingsByCard } from '../canvas/canvasModel';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { EnteField } from '../components/EnteField';
import { HintsPanel } from '../components/HintsPanel';
import { LabelInput } from '../components/LabelInput';
import { LoadBoundary } from '../components/LoadBoundary';
import { Loading } from '../components/Loading';
import { OutlineView, prefetchEditors } from '../components/lazyEditors';
import { NameField } from '../components/NameField';
import { PresenceList } from '../components/PresenceList';
import { ShareLink } from '../components/ShareLink';
import { type BoardView, isBoardView, ViewSwitcher } from '../components/ViewSwitcher';
import { EditorEnvironmentProvider } from '../editor/editorEnvironment';
import { useIdentity } from '../identity/identity';
import { BoardFollowBar, CardFocusProvider } from '../plenary/FollowBar';
import { useBoardConnection } from '../sync/useBoardConnection';
import { VotesArea } from '../votes/VotesArea';
import { isNewBoardState } from './HomePage';

const VIEW_KEY = 'boardView';
/** Below this width (phones) the outline is the default view. */
const NARROW_SCREEN = 700;

function initialTitleFromHistory(): string | undefined {
  const state: unknown = window.history.state;
  return isNewBoardState(state) && state.newBoardTitle !== '' ? state.newBoardTitle : undefined;
}

function initialView(): BoardView {
  const stored = readPreference(VIEW_KEY);
  if (isBoardView(stored)) return stored;
  return window.innerWidth < NARROW_SCREEN ? 'outline' : 'canvas';
}

function isTextTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The board of one tavolo: the canvas (or the outline) of steps 7–9, who is here, the
 * method's hints, and the connection. A slot in the header takes more actions (exports).
 */
export function BoardPage({ boardId, actions }: { boardId: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  const titleInputId = useId();
  const [initialTitle] = useState(initialTitleFromHistory);
  const [view, setView] = useState<BoardView>(initialView);
  const [hintsOpen, setHintsOpen] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ cardId: string; seq: number } | null>(null);
  const { identity, draftName, setDraftName, draftEnte, setDraftEnte } = useIdentity((n) =>
    t('identity.defaultName', { n }),
  );
  const access = useBoardAccess(boardId);
  const readOnlyToken = access.status === 'granted' && !access.canEdit;
  const { connection, state } = useBoardConnection(boardId, initialTitle, {
    token: access.token,
    readOnly: readOnlyToken,
    enabled: access.status !== 'checking',
  });
  const doc = connection?.doc ?? null;
  const local = useLocalCopy(doc, boardId, state.status);
  const ready =
    connection !== null && state.problem !== 'wrongKind' && (state.ready || local.hasBoard);
  const shownDoc = ready ? doc : null;
  const board = useBoard(shownDoc);
  const canvas = useCanvasSnapshot(view === 'canvas' ? shownDoc : null);
  const findings = useFindings(shownDoc);
  const undo = useBoardUndo(shownDoc);
  const lockedLanes = useLockedLanes(shownDoc);
  const participants = usePresence(connection?.awareness ?? null);
  const shareUrl = useShareLink(boardId, access);
  const title = board?.title ?? initialTitle ?? '';
  const shownTitle = title.trim() || t('board.untitled');

  // Without a token (open boards) the server decides; a granted token says what it allows.
  const canEdit =
    state.problem !== 'readOnly' &&
    (access.status === 'granted' ? access.canEdit : access.status === 'missing');
  const mayEditLocked =
    access.role !== null &&
    access.scope !== null &&
    canEditLockedLane(access.role, access.scope, boardId);
  const canEditLane = useCallback(
    (kind: CardKind) => canEdit && (mayEditLocked || !lockedLanes.includes(kind)),
    [canEdit, mayEditLocked, lockedLanes],
  );

  const findingsMap = useMemo(() => findingsByCard(findings), [findings]);
  const editorsMap = useMemo(() => editorsByCard(participants), [participants]);

  useEffect(() => {
    connection?.awareness.setLocalStateField('user', {
      name: identity.name,
      color: identity.color,
      ente: identity.ente,
    });
  }, [connection, identity]);

  useEffect(() => {
    document.title = t('board.documentTitle', { title: shownTitle });
  }, [t, shownTitle]);

  useEffect(() => {
    if (board !== null) rememberBoard(boardId, board.title);
  }, [boardId, board]);

  // The board is drawn: the editors' code comes next, before anyone opens a card.
  const boardShown = board !== null;
  useEffect(() => (boardShown ? prefetchEditors() : undefined), [boardShown]);

  const chooseView = useCallback((next: BoardView) => {
    writePreference(VIEW_KEY, next);
    setView(next);
  }, []);

  const environment = useMemo(
    () => ({
      undo: undo.undo,
      redo: undo.redo,
      setEditing: (cardId: string | null) => {
        // Each field or card visited is its own undo step.
        undo.stopCapturing();
        connection?.awareness.setLocalStateField('editing', cardId);
      },
    }),
    [undo.undo, undo.redo, undo.stopCapturing, connection],
  );

  const goToCard = useCallback(
    (cardId: string) => {
      if (view === 'canvas') {
        setFocusRequest((previous) => ({ cardId, seq: (previous?.seq ?? 0) + 1 }));
        return;
      }
      const element = document.getElementById(`card-${cardId}`);
      element?.scrollIntoView({ block: 'start' });
      element?.focus();
    },
    [view],
  );

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || isTextTarget(event.target) || !canEdit) return;
    const mod = event.ctrlKey || event.metaKey;
    if (!mod) return;
    const key = event.key.toLowerCase();
    if (key === 'z' || key === 'y') {
      if (key === 'y' || event.shiftKey) undo.redo();
      else undo.undo();
      event.preventDefault();
    }
  };

  // No access on this device, or access the server refused: say so, and offer to join again.
  if (access.status === 'missing' || access.status === 'denied') {
    return <AccessNotice reason={access.status} message={access.message} />;
  }
  if (state.problem === 'refused') return <AccessNotice reason="refused" />;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Ctrl/Cmd+Z anywhere on the board; the toolbar has buttons too
    <div className="board" data-view={view} onKeyDown={onKeyDown}>
      <div className="board__top">
        <h1 className="board__title" data-testid="board-title">
          {shownTitle}
        </h1>
        <ConnectionIndicator status={state.status} pending={local.pending} />
        <div className="board__actions">
          <ViewSwitcher view={view} onChange={chooseView} />
          <button
            type="button"
            className="btn btn-outline-primary btn-xs"
            aria-expanded={hintsOpen}
            onClick={() => setHintsOpen((open) => !open)}
            data-testid="toggle-hints"
          >
            {t('hints.toggle', { count: findings.length })}
          </button>
          {actions}
        </div>
      </div>
      {access.status === 'granted' ? (
        <BoardFollowBar
          boardId={boardId}
          me={access.me}
          token={access.token}
          onGoToCard={goToCard}
        />
      ) : null}
      {!canEdit && ready ? (
        <p className="board__notice alert alert-info" data-testid="read-only">
          {t('canvas.readOnly')}
        </p>
      ) : null}
      {board !== null && shownDoc !== null ? (
        <VotesArea
          doc={shownDoc}
          boardId={boardId}
          access={access}
          canEdit={canEdit}
          cards={board.cards}
        />
      ) : null}
      <details className="board__settings">
        <summary>{t('participant.settings')}</summary>
        <div className="board__tools">
          {board !== null && shownDoc !== null ? (
            <div className="field">
              <label htmlFor={titleInputId} className="field__label">
                {t('board.titleLabel')}
              </label>
              <LabelInput
                id={titleInputId}
                className="form-control"
                value={board.title}
                readOnly={!canEdit}
                placeholder={t('board.untitled')}
                onCommit={(value) => setBoardTitle(shownDoc, value)}
                data-testid="board-title-input"
              />
            </div>
          ) : null}
          <NameField value={draftName} onChange={setDraftName} />
          <EnteField value={draftEnte} onChange={setDraftEnte} />
          <ShareLink url={shareUrl} />
        </div>
      </details>
      <div className="board__body">
        {board !== null && shownDoc !== null && connection !== null ? (
          <EditorEnvironmentProvider value={environment}>
            <CardFocusProvider
              percorsoId={access.role === 'facilitatore' ? (access.me?.percorsoId ?? null) : null}
              boardId={boardId}
              token={access.token}
            >
              <section
                className="board__view"
                aria-label={t(view === 'canvas' ? 'view.canvasLabel' : 'view.outlineLabel')}
              >
                {view === 'canvas' ? (
                  <CanvasView
                    doc={shownDoc}
                    awareness={connection.awareness}
                    snapshot={canvas.snapshot}
                    flush={canvas.flush}
                    setDragging={canvas.setDragging}
                    findings={findingsMap}
                    editors={editorsMap}
                    canEdit={canEdit}
                    canEditLane={canEditLane}
                    undo={undo.undo}
                    redo={undo.redo}
                    undoGesture={undo.gesture}
                    focusRequest={focusRequest}
                  />
                ) : (
                  <LoadBoundary>
                    <Suspense fallback={<Loading />}>
                      <OutlineView
                        doc={shownDoc}
                        awareness={connection.awareness}
                        cards={board.cards}
                        findings={findingsMap}
                        editors={editorsMap}
                        lockedLanes={lockedLanes}
                        canEditLane={canEditLane}
                      />
                    </Suspense>
                  </LoadBoundary>
                )}
              </section>
            </CardFocusProvider>
          </EditorEnvironmentProvider>
        ) : (
          <p className="board__loading" data-testid="board-loading">
            {state.problem === 'wrongKind' ? t('board.wrongKind') : t('board.loading')}
          </p>
        )}
        <div className="board__side">
          <PresenceList participants={participants} />
          {hintsOpen ? <HintsPanel findings={findings} onGoTo={goToCard} /> : null}
        </div>
      </div>
    </div>
  );
}
