import { randomId } from '@trama/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseBoardRef } from '../app/boardRef';
import { readRecentBoards } from '../app/recentBoards';
import { boardPath, navigate, useLinkHandler } from '../app/router';

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

  useEffect(() => {
    document.title = t('home.documentTitle');
  }, [t]);

  function create(event: FormEvent) {
    event.preventDefault();
    const state: NewBoardState = { newBoardTitle: newTitle.trim() };
    navigate(boardPath(randomId()), state);
  }

  function open(event: FormEvent) {
    event.preventDefault();
    const boardId = parseBoardRef(reference);
    if (boardId === null) {
      setInvalid(true);
      return;
    }
    navigate(boardPath(boardId));
  }

  return (
    <div className="home">
      <div className="home__intro">
        <h1>{t('home.heading')}</h1>
        <p className="lead">{t('home.intro')}</p>
      </div>
      <div className="home__panels">
        <section className="panel" aria-labelledby={createHeadingId}>
          <h2 id={createHeadingId}>{t('home.create.heading')}</h2>
          <form onSubmit={create} className="form" data-testid="create-board">
            <div className="field">
              <label htmlFor={createTitleId} className="field__label">
                {t('home.create.titleLabel')}
              </label>
              <input
                id={createTitleId}
                className="input"
                type="text"
                value={newTitle}
                placeholder={t('home.create.titlePlaceholder')}
                spellCheck={false}
                autoComplete="off"
                maxLength={120}
                onChange={(event) => setNewTitle(event.target.value)}
              />
            </div>
            <button type="submit" className="button button--primary">
              {t('home.create.submit')}
            </button>
          </form>
        </section>
        <section className="panel" aria-labelledby={openHeadingId}>
          <h2 id={openHeadingId}>{t('home.open.heading')}</h2>
          <form onSubmit={open} className="form" noValidate data-testid="open-board">
            <div className="field">
              <label htmlFor={openInputId} className="field__label">
                {t('home.open.label')}
              </label>
              <input
                id={openInputId}
                className="input"
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
                {t('home.open.hint')}
              </p>
              {invalid ? (
                <p id={openErrorId} className="field__error" role="alert">
                  {t('home.open.invalid')}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button--secondary">
              {t('home.open.submit')}
            </button>
          </form>
        </section>
      </div>
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
