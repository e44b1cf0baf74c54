import type { MeReply } from '@trama/shared';
import { Alert } from 'design-react-kit';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../auth/api';
import { adoptPersonalToken, type LinkTarget } from '../auth/tokens';
import {
  type JoinProfile,
  joinBodyOf,
  MAX_JOIN_EMAIL,
  MAX_JOIN_ENTE,
  MAX_JOIN_NAME,
  readJoinProfile,
  validateJoinProfile,
  writeJoinProfile,
} from './profile';

/**
 * Name, ente and an optional email, prefilled from this device; sends `POST /api/join`
 * (so the identity shows in presence and in the verbale) and remembers the answers. The
 * personal token the join returns replaces the invite's on this device (for `target`, and
 * wherever the invite was stored): one person, one identity, one vote budget.
 */
export function JoinForm({
  token,
  target = null,
  onJoined,
}: {
  token: string;
  target?: LinkTarget | null;
  onJoined: (me: MeReply, personalToken: string) => void;
}) {
  const { t } = useTranslation();
  const ids = { name: useId(), ente: useId(), email: useId(), emailHint: useId() };
  const errorIds = { name: useId(), ente: useId(), email: useId() };
  const [profile, setProfile] = useState<JoinProfile>(readJoinProfile);
  const [showProblems, setShowProblems] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const fields = useRef<Record<keyof JoinProfile, HTMLInputElement | null>>({
    name: null,
    ente: null,
    email: null,
  });
  const problems = validateJoinProfile(profile);
  const shown = showProblems ? problems : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const first = (['name', 'ente', 'email'] as const).find((key) => problems[key] !== undefined);
    if (first !== undefined) {
      setShowProblems(true);
      fields.current[first]?.focus();
      return;
    }
    setSending(true);
    try {
      const reply = await api.join(token, joinBodyOf(profile));
      writeJoinProfile(profile);
      const personal = adoptPersonalToken(token, reply, target);
      onJoined(reply, personal);
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.refused
          ? t('join.form.refused')
          : error instanceof ApiError && error.offline
            ? t('join.form.offline')
            : t('join.form.failed'),
      );
      setSending(false);
    }
  }

  function field(key: keyof JoinProfile, value: string) {
    setProfile((previous) => ({ ...previous, [key]: value }));
  }

  const describedBy = (key: keyof typeof errorIds, extra?: string) =>
    [extra, shown[key] !== undefined ? errorIds[key] : undefined].filter(Boolean).join(' ') ||
    undefined;

  return (
    <form className="form join-form" onSubmit={submit} noValidate data-testid="join-form">
      <div className="field">
        <label htmlFor={ids.name} className="field__label">
          {t('join.form.name')}
        </label>
        <input
          ref={(node) => {
            fields.current.name = node;
          }}
          id={ids.name}
          className="form-control"
          type="text"
          value={profile.name}
          maxLength={MAX_JOIN_NAME}
          autoComplete="name"
          spellCheck={false}
          required
          aria-invalid={shown.name !== undefined || undefined}
          aria-describedby={describedBy('name')}
          onChange={(event) => field('name', event.target.value)}
          data-testid="join-name"
        />
        {shown.name !== undefined ? (
          <p id={errorIds.name} className="field__error">
            {t(`join.form.${shown.name}`)}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={ids.ente} className="field__label">
          {t('join.form.ente')}
        </label>
        <input
          ref={(node) => {
            fields.current.ente = node;
          }}
          id={ids.ente}
          className="form-control"
          type="text"
          value={profile.ente}
          maxLength={MAX_JOIN_ENTE}
          autoComplete="organization"
          spellCheck={false}
          required
          aria-invalid={shown.ente !== undefined || undefined}
          aria-describedby={describedBy('ente')}
          onChange={(event) => field('ente', event.target.value)}
          data-testid="join-ente"
        />
        {shown.ente !== undefined ? (
          <p id={errorIds.ente} className="field__error">
            {t(`join.form.${shown.ente}`)}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={ids.email} className="field__label">
          {t('join.form.email')}
        </label>
        <input
          ref={(node) => {
            fields.current.email = node;
          }}
          id={ids.email}
          className="form-control"
          type="email"
          value={profile.email}
          maxLength={MAX_JOIN_EMAIL}
          autoComplete="email"
          spellCheck={false}
          aria-invalid={shown.email !== undefined || undefined}
          aria-describedby={describedBy('email', ids.emailHint)}
          onChange={(event) => field('email', event.target.value)}
          data-testid="join-email"
        />
        <p id={ids.emailHint} className="field__hint">
          {t('join.form.emailHint')}
        </p>
        {shown.email !== undefined ? (
          <p id={errorIds.email} className="field__error">
            {t(`join.form.${shown.email}`)}
          </p>
        ) : null}
      </div>
      <p className="field__hint">{t('join.form.remembered')}</p>
      {failure !== null ? (
        <Alert color="danger" fade={false} className="field__error" data-testid="join-failure">
          {failure}
        </Alert>
      ) : null}
      <button
        type="submit"
        className="btn btn-primary"
        disabled={sending}
        data-testid="join-submit"
      >
        {sending ? t('join.form.sending') : t('join.form.submit')}
      </button>
    </form>
  );
}
