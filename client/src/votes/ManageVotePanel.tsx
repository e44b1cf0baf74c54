import type { VotazioneRecord } from '@trama/shared';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { votesApi } from './votesApi';

/** How often the turnout is asked for while a vote is open. */
export const PROGRESS_POLL_MS = 3000;

/**
 * While a vote is open, for whoever opened it (facilitatore, referente): its rules, how many
 * people have voted so far (`GET …/progress`, polled; never the tally), reveal and cancel.
 */
export function ManageVotePanel({
  boardId,
  token,
  vote,
}: {
  boardId: string;
  token: string;
  vote: VotazioneRecord;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [voters, setVoters] = useState<number | null>(null);
  const [busy, setBusy] = useState<'reveal' | 'cancel' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState(false);
  const votazioneId = vote.id;

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      votesApi.progress(boardId, votazioneId, token, controller.signal).then(
        (reply) => setVoters(reply.voters),
        () => {
          if (!controller.signal.aborted) setVoters(null);
        },
      );
      timer = setTimeout(poll, PROGRESS_POLL_MS);
    };
    poll();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [boardId, votazioneId, token]);

  async function run(action: 'reveal' | 'cancel') {
    setBusy(action);
    setFailure(false);
    try {
      if (action === 'reveal') await votesApi.reveal(boardId, votazioneId, token);
      else await votesApi.cancel(boardId, votazioneId, token);
    } catch {
      setFailure(true);
      setBusy(null);
    }
  }

  return (
    <section
      className="votes-panel votes-manage"
      aria-labelledby={headingId}
      data-testid="vote-manage"
      data-votazione-id={vote.id}
    >
      <h2 id={headingId} className="votes-panel__heading" tabIndex={-1}>
        {t('votes.manage.heading', { titolo: vote.titolo })}
      </h2>
      <p className="votes-panel__intro">
        {t('votes.manage.rules', {
          budget: vote.budget,
          max: vote.maxPerCard,
          cards: vote.cardIds.length,
        })}{' '}
        {t('votes.manage.anonymous')}
      </p>
      <p className="votes-manage__turnout" aria-live="polite" data-testid="vote-turnout">
        {voters === null
          ? t('votes.manage.turnoutUnknown')
          : t('votes.manage.voters', { count: voters })}
      </p>
      {failure ? (
        <p className="field__error" role="alert">
          {t('votes.manage.failed')}
        </p>
      ) : null}
      <div className="votes-manage__actions">
        <button
          type="button"
          className="button button--primary button--small"
          disabled={busy !== null}
          onClick={() => void run('reveal')}
          data-testid="vote-reveal"
        >
          {busy === 'reveal' ? t('votes.manage.revealing') : t('votes.manage.reveal')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy !== null}
          onClick={() => setConfirming(true)}
          data-testid="vote-cancel"
        >
          {t('votes.manage.cancel')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        heading={t('votes.manage.confirmHeading')}
        confirmLabel={t('votes.manage.confirm')}
        cancelLabel={t('votes.manage.keep')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void run('cancel');
        }}
      >
        <p>{t('votes.manage.confirmBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
