import { Alert, Card } from 'design-react-kit';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readRecentBoards } from '../app/recentBoards';
import { boardPath, navigate, useLinkHandler } from '../app/router';
import { absoluteLink } from '../auth/access';
import { ApiError, api } from '../auth/api';
import { markJoined, readAccess, storeShareLink, storeToken, tokenForBoard } from '../auth/tokens';
import { openWithToken } from '../join/JoinPage';
import { parseJoinInput } from '../join/joinInput';
import { CreatePercorso } from '../percorso/CreatePercorso';
import { readRecentPercorsi } from '../percorso/recentPercorsi';

/** History state carried from "Crea la bacheca" to the board page. */
export interface NewBoardState {
  readonly newBoardTitle: string;
}

export function isNewBoardState(value: unknown): value is NewBoardState {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { newBoardTitle?: unknown }).newBoardTitle === 'string'
  );
}

function RecentPercorsoLink({ id, title }: { id: string; title: string }) {
  const href = `/p/${encodeURIComponent(id)}`;
  const onClick = useLinkHandler(href);
  return (
    <a href={href} onClick={onClick}>
      {title}
    </a>
  );
}

function RecentBoardLink({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const href = boardPath(id);
  const onClick = useLinkHandler(href);
  return (
    <a href={href} onClick={onClick}>
      {title.trim() || t('home.recent.untitled', { id })}
    </a>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const createTitleId = useId();
  const createHeadingId = useId();
  const openHeadingId = useId();
  const openInputId = useId();
  const openHintId = useId();
  const openErrorId = useId();
  const recentHeadingId = useId();
  const [newTitle, setNewTitle] = useState('');
  const [reference, setReference] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [recent] = useState(readRecentBoards);
  const [recentPercorsi] = useState(readRecentPercorsi);
  const recentPercorsiHeadingId = useId();

  useEffect(() => {
    document.title = t('home.documentTitle');
  }, [t]);

  const [creating, setCreating] = useState(false);
  const [createFailed, setCreateFailed] = useState<string | null>(null);

  /** A quick tavolo: a small percorso of its own; the creator is its facilitatore. */
  async function create(event: FormEvent) {
    event.preventDefault();
    const title = newTitle.trim() || t('percorso.quickTavolo.defaultTitle');
    setCreating(true);
    setCreateFailed(null);
    try {
      const reply = await api.createTavolo(title);
      storeToken({ kind: 'board', id: reply.boardId }, reply.token);
      storeToken({ kind: 'percorso', id: reply.percorsoId }, reply.token);
      markJoined(reply.token);
      storeShareLink(reply.boardId, absoluteLink(reply.shareLink));
      const state: NewBoardState = { newBoardTitle: title };
      navigate(boardPath(reply.boardId), state);
    } catch (error) {
      setCreating(false);
      setCreateFailed(
        error instanceof ApiError && error.offline
          ? t('percorso.quickTavolo.offline')
          : t('percorso.quickTavolo.failed'),
      );
    }
  }

  function open(event: FormEvent) {
    event.preventDefault();
    const input = parseJoinInput(reference);
    if (input === null) {
      setInvalid(true);
      return;
    }
    if (input.kind === 'code') navigate(`/j/${encodeURIComponent(input.code)}`);
    else if (input.kind === 'link') openWithToken(input.path, input.token);
    else if (tokenForBoard(readAccess(), input.boardId) !== null)
      navigate(boardPath(input.boardId));
    else setInvalid(true);
  }

  return (
    <div className="home">
      <div className="home__intro">
        <h1>{t('percorso.home.heading')}</h1>
        <p className="lead">{t('percorso.home.intro')}</p>
      </div>
      <div className="home__panels">
        <CreatePercorso />
        <Card tag="section" shadow="sm" rounded className="panel" aria-labelledby={createHeadingId}>
          <h2 id={createHeadingId}>{t('percorso.quickTavolo.heading')}</h2>
          <form onSubmit={create} className="form" data-testid="create-board">
            <div className="field">
              <label htmlFor={createTitleId} className="field__label">
                {t('home.create.titleLabel')}
              </label>
              <input
                id={createTitleId}
                className="form-control"
                type="text"
                value={newTitle}
                placeholder={t('home.create.titlePlaceholder')}
                spellCheck={false}
                autoComplete="off"
                maxLength={120}
                onChange={(event) => setNewTitle(event.target.value)}
              />
            </div>
            <p className="field__hint">{t('percorso.quickTavolo.hint')}</p>
            {createFailed !== null ? (
              <Alert color="danger" fade={false} className="field__error">
                {createFailed}
              </Alert>
            ) : null}
            <button type="submit" className="btn btn-outline-primary" disabled={creating}>
              {t('home.create.submit')}
            </button>
          </form>
        </Card>
        <Card tag="section" shadow="sm" rounded className="panel" aria-labelledby={openHeadingId}>
          <h2 id={openHeadingId}>{t('join.code.homeHeading')}</h2>
          <form onSubmit={open} className="form" noValidate data-testid="open-board">
            <div className="field">
              <label htmlFor={openInputId} className="field__label">
                {t('join.code.label')}
              </label>
              <input
                id={openInputId}
                className="form-control"
                type="text"
                inputMode="url"
                value={reference}
                spellCheck={false}
                autoComplete="off"
                aria-describedby={invalid ? `${openHintId} ${openErrorId}` : openHintId}
                aria-invalid={invalid || undefined}
                onChange={(event) => {
                  setReference(event.target.value);
                  setInvalid(false);
                }}
              />
              <p id={openHintId} className="field__hint">
                {t('join.code.hint')}
              </p>
              {invalid ? (
                <p id={openErrorId} className="field__error" role="alert">
                  {t('join.code.invalid')}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn btn-outline-primary">
              {t('join.code.submit')}
            </button>
          </form>
        </Card>
      </div>
      {recentPercorsi.length > 0 ? (
        <section className="recent" aria-labelledby={recentPercorsiHeadingId}>
          <h2 id={recentPercorsiHeadingId}>{t('percorso.home.recent')}</h2>
          <ul className="recent__list" data-testid="recent-percorsi">
            {recentPercorsi.map((item) => (
              <li key={item.id}>
                <RecentPercorsoLink id={item.id} title={item.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {recent.length > 0 ? (
        <section className="recent" aria-labelledby={recentHeadingId}>
          <h2 id={recentHeadingId}>{t('home.recent.heading')}</h2>
          <ul className="recent__list">
            {recent.map((board) => (
              <li key={board.id}>
                <RecentBoardLink id={board.id} title={board.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
