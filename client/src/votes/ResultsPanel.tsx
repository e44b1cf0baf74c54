import type { VotazioneRecord } from '@trama/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type CardsByKind, resultRows, totalDots, voteCardTitle } from './voteModel';

/**
 * A revealed vote: its cards from the most dots to the fewest, with bars, and how many people
 * voted. Only the anonymous tally the server wrote on the board; nobody's ballot.
 */
export function ResultsPanel({
  vote,
  cards,
  open,
}: {
  vote: VotazioneRecord;
  cards: CardsByKind;
  open: boolean;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const rows = resultRows(vote, cards);
  return (
    <details
      className="votes-panel votes-results"
      open={open}
      data-testid="vote-results"
      data-votazione-id={vote.id}
    >
      <summary className="votes-results__summary">
        <span className="votes-panel__heading">
          {t('votes.results.heading', { titolo: vote.titolo })}
        </span>{' '}
        <span className="votes-results__meta" data-testid="vote-results-voters">
          {t('votes.results.voters', { count: vote.voters ?? 0 })} ·{' '}
          {t('votes.results.dots', { count: totalDots(vote) })}
        </span>
      </summary>
      <ol className="votes-results__list" id={listId} aria-label={t('votes.results.listLabel')}>
        {rows.map((row) => {
          const title = voteCardTitle(row, t);
          return (
            <li
              key={row.id}
              className="votes-results__row"
              data-testid="vote-result"
              data-card-id={row.id}
              data-dots={row.dots}
            >
              <span className="votes-results__rank" aria-hidden="true">
                {t('votes.results.rank', { rank: row.rank })}
              </span>
              <span className="votes-results__title">{title}</span>
              <span className="votes-results__bar" aria-hidden="true">
                <span style={{ width: `${Math.round(row.share * 100)}%` }} />
              </span>
              <span className="votes-results__dots">
                {t('votes.results.dots', { count: row.dots })}
              </span>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
