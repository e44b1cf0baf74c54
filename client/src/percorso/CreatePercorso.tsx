import type { CreatePercorsoReply } from '@trama/shared';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router';
import { absoluteLink } from '../auth/access';
import { ApiError, api } from '../auth/api';
import { markJoined, storeToken } from '../auth/tokens';
import { FormField } from '../components/FormField';
import { SecretLink } from '../invites/SecretLink';

// The chrome's Bootstrap Italia classes written out (it-card, alert, badge) rather than
// design-react-kit's components: unit tests import this module's helpers under Node, where the
// kit's extensionless ESM build does not load.

interface Draft {
  title: string;
  ente: string;
  ambito: string;
  creationKey: string;
}

/** Pure: what is missing before `POST /api/percorsi`. */
export function percorsoDraftProblems(draft: Draft): { title?: true; ente?: true } {
  return {
    ...(draft.title.trim() === '' ? { title: true as const } : {}),
    ...(draft.ente.trim() === '' ? { ente: true as const } : {}),
  };
}

/**
 * "Nuovo percorso": title, ente, ambito. On success the facilitator's own link is shown ONCE,
 * with a warning to keep it; the token is also kept on this device.
 */
export function CreatePercorso() {
  const { t } = useTranslation();
  const headingId = useId();
  const [draft, setDraft] = useState<Draft>({ title: '', ente: '', ambito: '', creationKey: '' });
  const [showProblems, setShowProblems] = useState(false);
  const [needsKey, setNeedsKey] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatePercorsoReply | null>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const enteInput = useRef<HTMLInputElement>(null);
  const problems = showProblems ? percorsoDraftProblems(draft) : {};

  function set(key: keyof Draft, value: string) {
    setDraft((previous) => ({ ...previous, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const missing = percorsoDraftProblems(draft);
    if (missing.title || missing.ente) {
      setShowProblems(true);
      (missing.title ? titleInput : enteInput).current?.focus();
      return;
    }
    setBusy(true);
    try {
      const ambito = draft.ambito.trim();
      const reply = await api.createPercorso(
        { title: draft.title.trim(), ente: draft.ente.trim(), ...(ambito ? { ambito } : {}) },
        draft.creationKey.trim() || undefined,
      );
      storeToken({ kind: 'percorso', id: reply.percorsoId }, reply.token);
      markJoined(reply.token);
      setCreated(reply);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        setNeedsKey(true);
        setFailure(t('percorso.create.keyRequired'));
      } else {
        setFailure(
          error instanceof ApiError && error.offline
            ? t('percorso.create.offline')
            : t('percorso.create.failed'),
        );
      }
    } finally {
      setBusy(false);
    }
  }

  if (created !== null) {
    const url = absoluteLink(created.link);
    return (
      <section
        className="panel panel--wide it-card border rounded shadow-sm"
        aria-labelledby={headingId}
        data-testid="percorso-created"
      >
        <h2 id={headingId}>{t('percorso.create.done', { title: draft.title.trim() })}</h2>
        <SecretLink url={url} />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => navigate(`/p/${encodeURIComponent(created.percorsoId)}`)}
          data-testid="open-percorso"
        >
          {t('percorso.create.open')}
        </button>
      </section>
    );
  }

  return (
    <section className="panel it-card border rounded shadow-sm" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('percorso.create.heading')}</h2>
      <p className="field__hint">{t('percorso.create.intro')}</p>
      <form className="form" onSubmit={submit} noValidate data-testid="create-percorso">
        <FormField
          label={t('percorso.create.title')}
          error={problems.title ? t('percorso.create.titleMissing') : null}
          ref={titleInput}
          className="form-control"
          type="text"
          value={draft.title}
          maxLength={200}
          spellCheck={false}
          autoComplete="off"
          required
          placeholder={t('percorso.create.titlePlaceholder')}
          onChange={(event) => set('title', event.target.value)}
          data-testid="percorso-title-input"
        />
        <FormField
          label={t('percorso.create.ente')}
          error={problems.ente ? t('percorso.create.enteMissing') : null}
          ref={enteInput}
          className="form-control"
          type="text"
          value={draft.ente}
          maxLength={200}
          spellCheck={false}
          autoComplete="organization"
          required
          placeholder={t('percorso.create.entePlaceholder')}
          onChange={(event) => set('ente', event.target.value)}
          data-testid="percorso-ente-input"
        />
        <FormField
          label={t('percorso.create.ambito')}
          className="form-control"
          type="text"
          value={draft.ambito}
          maxLength={200}
          spellCheck={false}
          autoComplete="off"
          placeholder={t('percorso.create.ambitoPlaceholder')}
          onChange={(event) => set('ambito', event.target.value)}
        />
        {needsKey ? (
          <FormField
            label={t('percorso.create.key')}
            hint={t('percorso.create.keyHint')}
            className="form-control"
            type="password"
            value={draft.creationKey}
            autoComplete="off"
            onChange={(event) => set('creationKey', event.target.value)}
            data-testid="percorso-key-input"
          />
        ) : null}
        {failure !== null ? (
          <div className="alert alert-danger field__error" role="alert">
            {failure}
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('percorso.create.submit')}
        </button>
      </form>
    </section>
  );
}
