import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useCardDots } from './voteHooks';

/** The dots a card received in revealed votes, as a small badge; nothing if none. */
export const VoteBadge = memo(function VoteBadge({
  doc,
  cardId,
  className = 'vote-badge',
}: {
  doc: Y.Doc;
  cardId: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const dots = useCardDots(doc, cardId);
  if (dots === 0) return null;
  const label = t('votes.badge', { count: dots });
  return (
    <span className={className} title={label} data-testid="card-dots" data-dots={dots}>
      <span aria-hidden="true">● {dots}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
});
