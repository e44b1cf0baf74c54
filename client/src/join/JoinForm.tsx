import type { MeReply } from '@trama/shared';
import { Alert } from 'design-react-kit';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../auth/api';
import { adoptPersonalToken, type LinkTarget } from '../auth/tokens';
import { FormField } from '../components/FormField';
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

  /** A field's problem, once problems are shown. */
  const problem = (key: keyof JoinProfile) => {
    const found = shown[key];
    return found === undefined ? null : t(`join.form.${found}`);
  };

  return (
    <form className="form join-form" onSubmit={submit} noValidate data-testid="join-form">
      <FormField
        label={t('join.form.name')}
        error={problem('name')}
        ref={(node) => {
          fields.current.name = node;
        }}
        className="form-control"
        type="text"
        value={profile.name}
        maxLength={MAX_JOIN_NAME}
        autoComplete="name"
        spellCheck={false}
        required
        onChange={(event) => field('name', event.target.value)}
        data-testid="join-name"
      />
      <FormField
        label={t('join.form.ente')}
        error={problem('ente')}
        ref={(node) => {
          fields.current.ente = node;
        }}
        className="form-control"
        type="text"
        value={profile.ente}
        maxLength={MAX_JOIN_ENTE}
        autoComplete="organization"
        spellCheck={false}
        required
        onChange={(event) => field('ente', event.target.value)}
        data-testid="join-ente"
      />
      <FormField
        label={t('join.form.email')}
        hint={t('join.form.emailHint')}
        error={problem('email')}
        ref={(node) => {
          fields.current.email = node;
        }}
        className="form-control"
        type="email"
        value={profile.email}
        maxLength={MAX_JOIN_EMAIL}
        autoComplete="email"
        spellCheck={false}
        onChange={(event) => field('email', event.target.value)}
        data-testid="join-email"
      />
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
