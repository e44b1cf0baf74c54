import type { BallotReply, VotazioneRecord } from '@trama/shared';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetJoined } from '../auth/tokens';
import { useAnnounce } from '../components/Announcer';
import {
  type BallotFailure,
  type CardsByKind,
  dotCircles,
  failureOf,
  myDots,
  nextDots,
  voteCards,
  voteCardTitle,
} from './voteModel';
import { votesApi } from './votesApi';

/**
 * A participant's ballot while a vote is open: the vote's cards with − and + buttons and
 * their own dots as filled circles, and how many of the budget they used. The ballot lives on
 * the server (`GET`/`PUT …/ballot`), never in the shared document: nobody else's dots reach
 * this page before the reveal.
 */
export function BallotPanel({
  boardId,
  token,
  vote,
  cards,
}: {
  boardId: string;
  token: string;
  vote: VotazioneRecord;
  cards: CardsByKind;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const headingId = useId();
  const usedId = useId();
  const listId = useId();
  const [ballot, setBallot] = useState<BallotReply | null>(null);
  const [failure, setFailure] = useState<BallotFailure | null>(null);
  const [shown, setShown] = useState(true);
  const latest = useRef<BallotReply | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const votazioneId = vote.id;

  const update = useCallback((reply: BallotReply) => {
    latest.current = reply;
    setBallot(reply);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    latest.current = null;
    setBallot(null);
    setFailure(null);
    votesApi.ballot(boardId, votazioneId, token, controller.signal).then(update, (error) => {
      if (controller.signal.aborted) return;
      setFailure(failureOf(error, null, ''));
    });
    return () => controller.abort();
  }, [boardId, votazioneId, token, update]);

  // Changes go one after another, each from the server's latest answer, so quick presses add up.
  const change = useCallback(
    (cardId: string, delta: 1 | -1) => {
      queue.current = queue.current.then(async () => {
        const before = latest.current;
        if (before === null) return;
        const dots = nextDots(before, cardId, delta);
        if (dots === myDots(before, cardId)) return;
        try {
          const reply = await votesApi.placeDots(boardId, votazioneId, token, cardId, dots);
          update(reply);
          setFailure(null);
          announce(t('votes.ballot.used', { count: reply.used, budget: reply.budget }));
        } catch (error) {
          setFailure(failureOf(error, before, cardId));
        }
      });
    },
    [boardId, votazioneId, token, update, announce, t],
  );

  const rows = voteCards(vote.cardIds, cards);
  const budget = ballot?.budget ?? vote.budget;
  const maxPerCard = ballot?.maxPerCard ?? vote.maxPerCard;

  return (
    <section
      className="votes-panel votes-ballot"
      aria-labelledby={headingId}
      data-testid="vote-ballot"
      data-votazione-id={vote.id}
    >
      <div className="votes-panel__header">
        <h2 id={headingId} className="votes-panel__heading" tabIndex={-1}>
          {t('votes.ballot.heading', { titolo: vote.titolo })}
        </h2>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-expanded={shown}
          aria-controls={listId}
          onClick={() => setShown((value) => !value)}
        >
          {shown ? t('votes.ballot.hide') : t('votes.ballot.show')}
        </button>
      </div>
      {ballot === null && failure === null ? (
        <p role="status">{t('votes.ballot.loading')}</p>
      ) : null}
      {ballot !== null ? (
        <p id={usedId} className="votes-ballot__used" data-testid="vote-used">
          <strong>{t('votes.ballot.used', { count: ballot.used, budget })}</strong>
          {maxPerCard < budget ? ` · ${t('votes.ballot.perCard', { max: maxPerCard })}` : null}
        </p>
      ) : null}
      {failure !== null ? (
        <p className="field__error votes-ballot__error" role="alert" data-testid="vote-error">
          {failure.kind === 'budget'
            ? t('votes.ballot.budgetExceeded', { budget: failure.budget })
            : failure.kind === 'perCard'
              ? t('votes.ballot.perCardExceeded', { max: failure.max })
              : t(`votes.ballot.${failure.kind}`)}
        </p>
      ) : null}
      {failure?.kind === 'joinFirst' ? (
        <button
          type="button"
          className="button button--primary button--small"
          onClick={() => {
            forgetJoined(token);
            window.location.reload();
          }}
          data-testid="vote-join"
        >
          {t('votes.ballot.join')}
        </button>
      ) : null}
      <div id={listId} hidden={!shown}>
        <p className="votes-panel__intro">{t('votes.ballot.intro')}</p>
        {ballot !== null ? (
          <ul className="votes-ballot__list">
            {rows.map((card) => {
              const mine = myDots(ballot, card.id);
              const title = voteCardTitle(card, t);
              return (
                <li
                  key={card.id}
                  className="votes-ballot__card"
                  data-testid="vote-card"
                  data-card-id={card.id}
                  data-mine={mine}
                >
                  <span className="votes-ballot__title">{title}</span>
                  <span className="votes-ballot__controls">
                    <button
                      type="button"
                      className="button button--small votes-ballot__button"
                      aria-label={t('votes.ballot.remove', { title })}
                      aria-describedby={usedId}
                      aria-disabled={mine === 0 || undefined}
                      onClick={() => {
                        if (mine > 0) change(card.id, -1);
                      }}
                      data-testid="vote-remove"
                    >
                      −
                    </button>
                    <span className="votes-dots" aria-hidden="true">
                      {dotCircles(mine, maxPerCard).map((filled, i) => (
                        <span
                          // biome-ignore lint/suspicious/noArrayIndexKey: circles have no identity
                          key={i}
                          className={filled ? 'votes-dot votes-dot--filled' : 'votes-dot'}
                        />
                      ))}
                    </span>
                    <span className="visually-hidden">
                      {t('votes.ballot.mine', { count: mine })}
                    </span>
                    <button
                      type="button"
                      className="button button--small votes-ballot__button"
                      aria-label={t('votes.ballot.add', { title })}
                      aria-describedby={usedId}
                      onClick={() => change(card.id, 1)}
                      data-testid="vote-add"
                    >
                      +
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
