import { CARD_KINDS, MAX_VOTE_BUDGET, MAX_VOTE_CARDS } from '@trama/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../auth/api';
import { FormField } from '../components/FormField';
import {
  type CardsByKind,
  type DraftProblem,
  defaultDraft,
  draftProblems,
  laneState,
  type OpenVoteDraft,
  openBody,
  withCard,
  withLane,
} from './voteModel';
import { votesApi } from './votesApi';

function LaneCheckbox({
  state,
  label,
  onChange,
}: {
  state: 'all' | 'some' | 'none';
  label: string;
  onChange: (on: boolean) => void;
}) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current !== null) box.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <label className="votes-form__check votes-form__check--lane">
      <input
        ref={box}
        type="checkbox"
        checked={state === 'all'}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}

/**
 * The facilitator's (or referente's) form to open a dot vote: a title, which cards (every
 * obiettivo by default; a whole lane or single cards), the dots per person and the most on
 * one card. `POST /api/boards/:boardId/votazioni`.
 */
export function OpenVoteForm({
  boardId,
  token,
  cards,
  onClose,
}: {
  boardId: string;
  token: string;
  cards: CardsByKind;
  /** `opened`: the vote was opened (the form gives way to it), else the person closed it. */
  onClose: (opened: boolean) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const ids = { cards: useId(), count: useId() };
  const [draft, setDraft] = useState<OpenVoteDraft>(() =>
    defaultDraft(t('votes.open.defaultTitle'), cards),
  );
  const [budgetText, setBudgetText] = useState(String(draft.budget));
  const [maxText, setMaxText] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const titleInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    titleInput.current?.focus();
  }, []);

  const problems = draftProblems(draft);
  const shown = new Set<DraftProblem>(showProblems ? problems : []);
  const problemText = (problem: DraftProblem) =>
    t(`votes.open.problems.${problem}`, {
      max: problem === 'tooManyCards' ? MAX_VOTE_CARDS : MAX_VOTE_BUDGET,
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const body = openBody(draft, cards);
    if (body === null) {
      setShowProblems(true);
      return;
    }
    setSending(true);
    try {
      await votesApi.open(boardId, token, body);
      onClose(true);
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.status === 409
          ? t('votes.open.conflict')
          : error instanceof ApiError && error.refused
            ? t('votes.open.refused')
            : t('votes.open.failed'),
      );
      setSending(false);
    }
  }

  /** A field's problem, once problems are shown. */
  const fieldError = (which: DraftProblem) => (shown.has(which) ? problemText(which) : null);
  const error = (problem: DraftProblem, id: string) =>
    shown.has(problem) ? (
      <p id={id} className="field__error">
        {problemText(problem)}
      </p>
    ) : null;

  return (
    <form
      className="votes-panel votes-form"
      aria-labelledby={headingId}
      onSubmit={submit}
      noValidate
      data-testid="vote-open-form"
    >
      <div className="votes-panel__header">
        <h2 id={headingId} className="votes-panel__heading">
          {t('votes.open.heading')}
        </h2>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => onClose(false)}
        >
          {t('votes.open.close')}
        </button>
      </div>
      <p className="votes-panel__intro">{t('votes.open.intro')}</p>
      <div className="votes-form__row">
        <FormField
          fieldClassName="votes-form__titolo"
          label={t('votes.open.titolo')}
          error={fieldError('titolo')}
          ref={titleInput}
          className="input"
          type="text"
          value={draft.titolo}
          maxLength={200}
          spellCheck={false}
          required
          onChange={(event) => setDraft({ ...draft, titolo: event.target.value })}
          data-testid="vote-titolo"
        />
        <FormField
          fieldClassName="votes-form__number"
          label={t('votes.open.budget')}
          error={fieldError('budget')}
          className="input"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_VOTE_BUDGET}
          value={budgetText}
          onChange={(event) => {
            setBudgetText(event.target.value);
            setDraft({ ...draft, budget: Number(event.target.value) });
          }}
          data-testid="vote-budget"
        />
        <FormField
          fieldClassName="votes-form__number"
          label={t('votes.open.maxPerCard')}
          hint={t('votes.open.maxPerCardHint')}
          error={fieldError('maxPerCard')}
          className="input"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_VOTE_BUDGET}
          value={maxText}
          placeholder={String(draft.budget || '')}
          onChange={(event) => {
            setMaxText(event.target.value);
            const value = event.target.value.trim();
            setDraft({ ...draft, maxPerCard: value === '' ? null : Number(value) });
          }}
          data-testid="vote-max-per-card"
        />
      </div>
      <fieldset
        className="votes-form__cards"
        aria-describedby={shown.has('noCards') ? `${ids.count} ${ids.cards}-error` : ids.count}
      >
        <legend className="field__label">{t('votes.open.cards')}</legend>
        <p id={ids.count} className="field__hint" aria-live="polite">
          {t('votes.open.selected', { count: draft.cardIds.length })}
        </p>
        {error('noCards', `${ids.cards}-error`)}
        {error('tooManyCards', `${ids.cards}-too-many`)}
        <div className="votes-form__lanes">
          {CARD_KINDS.map((kind) => {
            const lane = t(`sections.${kind}.title`);
            return (
              <div key={kind} className="votes-form__lane" data-testid={`vote-lane-${kind}`}>
                <LaneCheckbox
                  state={laneState(draft.cardIds, cards, kind)}
                  label={t('votes.open.allOfLane', { lane })}
                  onChange={(on) =>
                    setDraft({ ...draft, cardIds: withLane(draft.cardIds, cards, kind, on) })
                  }
                />
                {cards[kind].length === 0 ? (
                  <p className="field__hint">{t('votes.open.emptyLane')}</p>
                ) : (
                  <ul className="votes-form__list">
                    {cards[kind].map((card) => (
                      <li key={card.id}>
                        <label className="votes-form__check">
                          <input
                            type="checkbox"
                            checked={draft.cardIds.includes(card.id)}
                            onChange={(event) =>
                              setDraft({
                                ...draft,
                                cardIds: withCard(draft.cardIds, card.id, event.target.checked),
                              })
                            }
                            data-testid="vote-pick-card"
                            data-card-id={card.id}
                          />
                          {card.title.trim() || t('votes.untitledCard')}
                        </label>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      {failure !== null ? (
        <p className="field__error" role="alert" data-testid="vote-open-failure">
          {failure}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--primary"
        disabled={sending}
        data-testid="vote-open-submit"
      >
        {sending ? t('votes.open.sending') : t('votes.open.submit')}
      </button>
    </form>
  );
}
