import {
  type CreateInviteBody,
  type InviteView,
  invitableBy,
  type Role,
  type SnodoTipo,
} from '@trama/shared';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { absoluteLink } from '../auth/access';
import { ApiError, api } from '../auth/api';
import { FormField } from '../components/FormField';
import { CopyField } from './CopyField';
import { QrCode } from './QrCode';

// The chrome's Bootstrap Italia classes written out (it-card, alert, badge) rather than
// design-react-kit's components: unit tests import this module's helpers under Node, where the
// kit's extensionless ESM build does not load.

export interface InvitableBoard {
  readonly boardId: string;
  readonly titolo: string;
  readonly tipo: SnodoTipo;
}

/** Expiry choices, in hours (the API accepts 1 hour to 90 days). */
export const EXPIRY_CHOICES = [24, 24 * 7, 24 * 30, 24 * 90] as const;

/** Pure: which board an invite of this role needs: one snodo, optionally one, or none. */
export function boardRequirement(role: Role): 'required' | 'optional' | 'none' {
  if (role === 'referente' || role === 'partecipante') return 'required';
  if (role === 'osservatore') return 'optional';
  return 'none';
}

/** Pure: an invite's state at a given time. */
/** Bootstrap Italia badge colour per invite state. */
const STATE_COLOR = { active: 'success', expired: 'secondary', revoked: 'danger' } as const;

export function inviteState(invite: InviteView, now: number): 'active' | 'expired' | 'revoked' {
  if (invite.revokedAt !== null) return 'revoked';
  return invite.expiresAt <= now ? 'expired' : 'active';
}

/** Pure: the body of `POST …/invites` from the form's values. */
export function inviteBody(
  role: Role,
  boardId: string,
  expiresInHours: number,
  label: string,
): CreateInviteBody | null {
  const need = boardRequirement(role);
  if (need === 'required' && boardId === '') return null;
  const body: CreateInviteBody = { role, expiresInHours };
  if (need !== 'none' && boardId !== '') body.boardId = boardId;
  if (label.trim() !== '') body.label = label.trim();
  return body;
}

function formatDate(time: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(time),
  );
}

const REFRESH_MS = 20_000;

/**
 * Invites of a percorso: mint one per role and snodo (link, short code, QR code), see who
 * joined with each, revoke. The facilitator sees every invite; a referente mints invites to
 * its own snodo (the list of all invites is the facilitator's).
 */
export function InvitesPanel({
  percorsoId,
  token,
  role,
  ownBoardId,
  boards,
}: {
  percorsoId: string;
  token: string;
  role: Role;
  /** The referente's own snodo board. */
  ownBoardId: string | null;
  boards: readonly InvitableBoard[];
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const listHeadingId = useId();
  const ids = { role: useId(), board: useId(), expiry: useId(), error: useId() };
  const roles = invitableBy(role);
  const canList = role === 'facilitatore';
  const shownBoards =
    role === 'facilitatore' ? boards : boards.filter((board) => board.boardId === ownBoardId);
  const [invites, setInvites] = useState<InviteView[]>([]);
  const [newRole, setNewRole] = useState<Role>(
    roles.includes('partecipante') ? 'partecipante' : (roles[0] ?? 'partecipante'),
  );
  const [boardId, setBoardId] = useState('');
  const [expiry, setExpiry] = useState<number>(24 * 30);
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const need = boardRequirement(newRole);
  const selectedBoard =
    boardId !== '' && shownBoards.some((board) => board.boardId === boardId) ? boardId : '';

  const refresh = useCallback(
    async (signal?: AbortSignal) => {
      if (!canList) return;
      try {
        const reply = await api.invites(percorsoId, token, signal);
        setInvites(reply.invites.slice().sort((a, b) => b.createdAt - a.createdAt));
        setNow(Date.now());
      } catch (failure) {
        if (signal?.aborted) return;
        if (failure instanceof ApiError && !failure.offline) setError(t('invites.loadFailed'));
      }
    },
    [canList, percorsoId, token, t],
  );

  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal);
    const timer = setInterval(() => void refresh(controller.signal), REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [refresh]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const body = inviteBody(newRole, selectedBoard, expiry, label);
    if (body === null) {
      setError(t('invites.form.boardRequired'));
      return;
    }
    setBusy(true);
    try {
      const invite = await api.createInvite(percorsoId, token, body);
      setInvites((previous) => [invite, ...previous.filter((item) => item.id !== invite.id)]);
      setFresh(invite.id);
      setNow(Date.now());
      setLabel('');
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 403
          ? t('invites.form.forbidden')
          : t('invites.form.failed'),
      );
    } finally {
      setBusy(false);
    }
  }

  async function revoke(invite: InviteView) {
    setError(null);
    try {
      await api.revokeInvite(invite.id, token);
      setInvites((previous) =>
        previous.map((item) => (item.id === invite.id ? { ...item, revokedAt: Date.now() } : item)),
      );
      void refresh();
    } catch {
      setError(t('invites.revokeFailed'));
    }
  }

  const boardTitle = (id: string | null) =>
    id === null
      ? t('invites.wholePercorso')
      : (boards.find((board) => board.boardId === id)?.titolo ?? id);

  return (
    <section
      className="invites panel it-card border rounded shadow-sm"
      aria-labelledby={headingId}
      data-testid="invites"
    >
      <h2 id={headingId}>{t('invites.heading')}</h2>
      <p className="field__hint">{t('invites.intro')}</p>
      <form className="form invites__form" onSubmit={create} noValidate data-testid="invite-form">
        <div className="field">
          <label htmlFor={ids.role} className="field__label">
            {t('invites.form.role')}
          </label>
          <select
            id={ids.role}
            className="form-select"
            value={newRole}
            onChange={(event) => setNewRole(event.target.value as Role)}
            data-testid="invite-role"
          >
            {roles.map((item) => (
              <option key={item} value={item} lang="it">
                {t(`access.roles.${item}`)}
              </option>
            ))}
          </select>
          <p className="field__hint">{t(`access.roleHints.${newRole}`)}</p>
        </div>
        {need !== 'none' ? (
          <div className="field">
            <label htmlFor={ids.board} className="field__label">
              {t('invites.form.board')}
            </label>
            <select
              id={ids.board}
              className="form-select"
              value={selectedBoard}
              onChange={(event) => setBoardId(event.target.value)}
              aria-invalid={
                (error !== null && need === 'required' && selectedBoard === '') || undefined
              }
              data-testid="invite-board"
            >
              <option value="">
                {need === 'optional' ? t('invites.wholePercorso') : t('invites.form.chooseBoard')}
              </option>
              {shownBoards.map((board) => (
                <option key={board.boardId} value={board.boardId}>
                  {board.titolo}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={ids.expiry} className="field__label">
            {t('invites.form.expiry')}
          </label>
          <select
            id={ids.expiry}
            className="form-select"
            value={expiry}
            onChange={(event) => setExpiry(Number(event.target.value))}
          >
            {EXPIRY_CHOICES.map((hours) => (
              <option key={hours} value={hours}>
                {t('invites.form.days', { count: hours / 24 })}
              </option>
            ))}
          </select>
        </div>
        <FormField
          label={t('invites.form.label')}
          className="form-control"
          type="text"
          value={label}
          maxLength={120}
          spellCheck={false}
          autoComplete="off"
          placeholder={t('invites.form.labelPlaceholder')}
          onChange={(event) => setLabel(event.target.value)}
        />
        {error !== null ? (
          <div className="alert alert-danger field__error" role="alert" id={ids.error}>
            {error}
          </div>
        ) : null}
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy}
          data-testid="invite-create"
        >
          {t('invites.form.submit')}
        </button>
      </form>
      <div className="invites__list-top">
        <h3 id={listHeadingId}>{t('invites.listHeading')}</h3>
        {canList ? (
          <button
            type="button"
            className="btn btn-link btn-xs"
            onClick={() => void refresh()}
            data-testid="invites-refresh"
          >
            {t('invites.refresh')}
          </button>
        ) : null}
      </div>
      {invites.length === 0 ? (
        <p className="field__hint">{t('invites.none')}</p>
      ) : (
        <ul className="invites__list" aria-labelledby={listHeadingId}>
          {invites.map((invite) => (
            <InviteItem
              key={invite.id}
              invite={invite}
              state={inviteState(invite, now)}
              boardTitle={boardTitle(invite.boardId)}
              open={fresh === invite.id}
              canRevoke={canList}
              language={i18n.language}
              onRevoke={() => revoke(invite)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function InviteItem({
  invite,
  state,
  boardTitle,
  open,
  canRevoke,
  language,
  onRevoke,
}: {
  invite: InviteView;
  state: 'active' | 'expired' | 'revoked';
  boardTitle: string;
  open: boolean;
  canRevoke: boolean;
  language: string;
  onRevoke: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const link = absoluteLink(invite.link);
  const roleName = t(`access.roles.${invite.role}`);
  const title = invite.label !== '' ? invite.label : `${roleName} · ${boardTitle}`;
  return (
    <li className="invite" data-testid="invite" data-invite-id={invite.id} data-state={state}>
      <details open={open}>
        <summary>
          <span className="invite__title">{title}</span>{' '}
          <span className="invite__meta">
            <span lang="it">{roleName}</span> · {boardTitle} ·{' '}
            <span className={`badge bg-${STATE_COLOR[state]} invite__state`}>
              {t(`invites.state.${state}`)}
            </span>{' '}
            · {t('invites.joinedCount', { count: invite.joined.length })}
          </span>
        </summary>
        <div className="invite__body">
          <div className="invite__share">
            <p className="invite__code-line">
              {t('invites.code')}:{' '}
              <strong className="invite__code" data-testid="invite-code">
                {invite.code}
              </strong>
            </p>
            <CopyField label={t('invites.link')} value={link} testId="invite-link" />
            <p className="field__hint">
              {t('invites.expires', { date: formatDate(invite.expiresAt, language) })}
            </p>
          </div>
          {state === 'active' ? (
            <QrCode
              text={link}
              label={t('invites.qrAlt', { role: roleName, board: boardTitle, code: invite.code })}
            />
          ) : null}
        </div>
        <h4 className="invite__joined-heading">{t('invites.joinedHeading')}</h4>
        {invite.joined.length === 0 ? (
          <p className="field__hint">{t('invites.nobodyYet')}</p>
        ) : (
          <ul className="invite__joined" data-testid="invite-joined">
            {invite.joined.map((person) => (
              <li key={`${person.name}-${person.at}`}>
                {person.name} ({person.ente}) · {formatDate(person.at, language)}
              </li>
            ))}
          </ul>
        )}
        {canRevoke && state === 'active' ? (
          confirming ? (
            <fieldset className="invite__confirm">
              <legend className="visually-hidden">{t('invites.revokeConfirm')}</legend>
              <span aria-hidden="true">{t('invites.revokeConfirm')}</span>{' '}
              <button
                type="button"
                className="btn btn-danger btn-xs"
                onClick={() => {
                  setConfirming(false);
                  onRevoke();
                }}
                data-testid="invite-revoke-confirm"
              >
                {t('invites.revokeYes')}
              </button>{' '}
              <button
                type="button"
                className="btn btn-link btn-xs"
                onClick={() => setConfirming(false)}
              >
                {t('invites.revokeNo')}
              </button>
            </fieldset>
          ) : (
            <button
              type="button"
              className="btn btn-outline-primary btn-xs"
              onClick={() => setConfirming(true)}
              data-testid="invite-revoke"
            >
              {t('invites.revoke')}
            </button>
          )
        ) : null}
      </details>
    </li>
  );
}
