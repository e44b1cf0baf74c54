import {
  CARD_KINDS,
  type CardKind,
  type InviteView,
  METHOD_STEPS,
  type PlenaryFocus,
  type SnodoTipo,
  TIMER_LONGEST_MS,
  TIMER_MAX_MS,
  type TimerAction,
} from '@trama/shared';
import {
  type FormEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { confrontoPath, projectorPath } from '../app/router';
import { absoluteLink } from '../auth/access';
import { ApiError, api } from '../auth/api';
import { useLockedLanes } from '../board/boardHooks';
import { exportsApi } from '../exports/exportsApi';
import { currentLanguage } from '../i18n';
import { CopyField } from '../invites/CopyField';
import { useReadOnlyBoard } from './boardViews';
import { describeFocus } from './focusText';
import { plenaryApi } from './plenaryApi';
import { TimerDisplay } from './TimerDisplay';
import { usePlenaryState } from './usePlenaryState';
import './plenary.css';

export interface ConsoleSnodo {
  readonly boardId: string;
  readonly titolo: string;
  readonly tipo: SnodoTipo;
}

const PRESETS = [5, 10, 15] as const;
const ADD_MINUTES = [1, 5] as const;
const MINUTE = 60_000;

/** Runs one API call at a time and says how it went in a polite status line. */
function useAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const run = useCallback(
    async (call: () => Promise<unknown>, done?: string) => {
      setBusy(true);
      try {
        await call();
        setStatus(done ?? '');
      } catch (error) {
        setStatus(
          error instanceof ApiError && error.status === 409
            ? t('plenary.console.conflict')
            : error instanceof ApiError && error.offline
              ? t('plenary.console.offline')
              : t('plenary.console.failed', {
                  message: error instanceof Error ? error.message : '',
                }),
        );
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, status, run };
}

/** A small console button; `secondary` for the ones that stop or hide something. */
function ConsoleButton({
  testId,
  onClick,
  disabled,
  secondary = false,
  children,
}: {
  testId: string;
  onClick: () => void;
  disabled?: boolean | undefined;
  secondary?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={secondary ? 'button button--small button--secondary' : 'button button--small'}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

/** A labelled select and the button acting on its choice, on one row. */
function SelectRow({
  label,
  value,
  onChange,
  onFocus,
  testId,
  children,
  action,
}: {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  onFocus?: () => void;
  testId: string;
  /** The `<option>`s. */
  children: ReactNode;
  action: ReactNode;
}) {
  const id = useId();
  return (
    <div className="plenary-console__row">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select"
        value={value}
        onFocus={onFocus}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        {children}
      </select>
      {action}
    </div>
  );
}

/**
 * *Plenaria*, on the percorso page of the facilitatore: what the projector shows (focus),
 * the shared timer, the join code on the wall, the projector's own link, and — per snodo —
 * locking lanes and opening or closing the session. Everything goes through the server
 * (server/PLENARY.md); the state shown comes back live from the percorso board.
 */
export function PlenaryConsole({
  percorsoId,
  token,
  doc,
  snodi,
}: {
  percorsoId: string;
  token: string;
  doc: Y.Doc | null;
  snodi: readonly ConsoleSnodo[];
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const plenary = usePlenaryState(doc);
  const boards = useMemo(() => new Map(snodi.map((s) => [s.boardId, s.titolo])), [snodi]);
  const { busy, status, run } = useAction();
  const lang = currentLanguage();

  const focusOn = (focus: PlenaryFocus) =>
    run(() => plenaryApi.setFocus(percorsoId, token, focus), t('plenary.console.focusSet'));
  const timer = (action: TimerAction) => run(() => plenaryApi.timer(percorsoId, token, action));

  return (
    <section
      className="panel plenary-console"
      aria-labelledby={headingId}
      id="plenaria"
      data-testid="plenary-console"
    >
      <h2 id={headingId} lang="it">
        {t('plenary.console.heading')}
      </h2>
      <p className="field__hint">{t('plenary.console.intro')}</p>
      <ProjectorLinks percorsoId={percorsoId} token={token} />
      <p className="plenary-console__now" data-testid="plenary-focus-now">
        {t('plenary.console.now')}{' '}
        <strong>{describeFocus(plenary.focus.focus, t, lang, boards)}</strong>
      </p>
      <FocusControls snodi={snodi} busy={busy} onFocus={(focus) => void focusOn(focus)} />
      <TimerControls timer={plenary.timer} busy={busy} onAction={(action) => void timer(action)} />
      <JoinControls
        percorsoId={percorsoId}
        token={token}
        shown={plenary.join}
        busy={busy}
        run={run}
      />
      <LaneControls snodi={snodi} token={token} />
      <p className="plenary-console__status" role="status" data-testid="plenary-console-status">
        {status}
      </p>
    </section>
  );
}

function ProjectorLinks({ percorsoId, token }: { percorsoId: string; token: string }) {
  const { t } = useTranslation();
  const [invite, setInvite] = useState<InviteView | null>(null);
  const [failed, setFailed] = useState(false);
  const hintId = useId();

  useEffect(() => {
    const controller = new AbortController();
    api.invites(percorsoId, token, controller.signal).then(
      (reply) => {
        const now = Date.now();
        const found = reply.invites.find(
          (item) => item.role === 'proiettore' && item.revokedAt === null && item.expiresAt > now,
        );
        if (found !== undefined) setInvite(found);
      },
      () => {},
    );
    return () => controller.abort();
  }, [percorsoId, token]);

  async function mint() {
    setFailed(false);
    try {
      setInvite(
        await api.createInvite(percorsoId, token, {
          role: 'proiettore',
          expiresInHours: 24 * 7,
          label: t('plenary.console.projectorInviteLabel'),
        }),
      );
    } catch {
      setFailed(true);
    }
  }

  const wallLink =
    invite === null
      ? null
      : absoluteLink(`${projectorPath(percorsoId)}#t=${encodeURIComponent(invite.token)}`);
  return (
    <div className="plenary-console__group" data-testid="projector-links">
      <h3>{t('plenary.console.projectorHeading')}</h3>
      <p className="field__hint" id={hintId}>
        {t('plenary.console.projectorHint')}
      </p>
      <p className="plenary-console__row">
        <a
          href={projectorPath(percorsoId)}
          target="_blank"
          rel="noopener"
          className="button button--small"
          data-testid="open-projector"
        >
          {t('plenary.console.openProjector')}
        </a>{' '}
        <a
          href={confrontoPath(percorsoId)}
          target="_blank"
          rel="noopener"
          className="button button--small button--secondary"
          data-testid="open-confronto"
        >
          {t('plenary.console.openConfronto')}
        </a>
      </p>
      {wallLink !== null ? (
        <CopyField
          label={t('plenary.console.projectorLink')}
          value={wallLink}
          testId="projector-link"
          describedBy={hintId}
        />
      ) : (
        <ConsoleButton testId="mint-projector" secondary onClick={() => void mint()}>
          {t('plenary.console.mintProjector')}
        </ConsoleButton>
      )}
      {failed ? (
        <p className="field__error" role="alert">
          {t('plenary.console.mintFailed')}
        </p>
      ) : null}
    </div>
  );
}

function FocusControls({
  snodi,
  busy,
  onFocus,
}: {
  snodi: readonly ConsoleSnodo[];
  busy: boolean;
  onFocus: (focus: PlenaryFocus) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [step, setStep] = useState(1);
  const [snodo, setSnodo] = useState('');
  const [spotlight, setSpotlight] = useState('');
  const chosenSnodo = snodo || snodi[0]?.boardId || '';
  const show = t('plenary.console.show');
  return (
    <fieldset className="plenary-console__group" data-testid="focus-controls">
      <legend>{t('plenary.console.focusHeading')}</legend>
      <SelectRow
        label={t('plenary.console.step')}
        value={step}
        onChange={(value) => setStep(Number(value))}
        testId="focus-step-select"
        action={
          <ConsoleButton
            testId="focus-step"
            disabled={busy}
            onClick={() => onFocus({ kind: 'step', step })}
          >
            {show}
          </ConsoleButton>
        }
      >
        {METHOD_STEPS.map((item) => (
          <option key={item.id} value={item.number}>
            {item.number}. {item.title[lang]}
          </option>
        ))}
      </SelectRow>
      {snodi.length > 0 ? (
        <>
          <SelectRow
            label={t('plenary.console.snodo')}
            value={chosenSnodo}
            onChange={setSnodo}
            testId="focus-snodo-select"
            action={
              <ConsoleButton
                testId="focus-snodo"
                disabled={busy || chosenSnodo === ''}
                onClick={() => onFocus({ kind: 'snodo', boardId: chosenSnodo })}
              >
                {show}
              </ConsoleButton>
            }
          >
            {snodi.map((item) => (
              <option key={item.boardId} value={item.boardId}>
                {item.titolo}
              </option>
            ))}
          </SelectRow>
          <SelectRow
            label={t('plenary.console.confronto')}
            value={spotlight}
            onChange={setSpotlight}
            testId="focus-spotlight-select"
            action={
              <ConsoleButton
                testId="focus-confronto"
                disabled={busy}
                onClick={() =>
                  onFocus({ kind: 'confronto', spotlight: spotlight === '' ? null : spotlight })
                }
              >
                {show}
              </ConsoleButton>
            }
          >
            <option value="">{t('plenary.console.noSpotlight')}</option>
            {snodi.map((item) => (
              <option key={item.boardId} value={item.boardId}>
                {t('plenary.console.spotlightOn', { title: item.titolo })}
              </option>
            ))}
          </SelectRow>
        </>
      ) : null}
      <div className="plenary-console__row">
        <ConsoleButton
          testId="focus-none"
          secondary
          disabled={busy}
          onClick={() => onFocus({ kind: 'none' })}
        >
          {t('plenary.console.clearFocus')}
        </ConsoleButton>
      </div>
    </fieldset>
  );
}

function TimerControls({
  timer,
  busy,
  onAction,
}: {
  timer: ReturnType<typeof usePlenaryState>['timer'];
  busy: boolean;
  onAction: (action: TimerAction) => void;
}) {
  const { t } = useTranslation();
  const customId = useId();
  const [custom, setCustom] = useState('');
  const minutes = Number(custom.replace(',', '.'));
  const customValid =
    custom.trim() !== '' &&
    Number.isFinite(minutes) &&
    minutes > 0 &&
    minutes * MINUTE <= TIMER_MAX_MS;
  const start = (m: number) => onAction({ action: 'start', durationMs: Math.round(m * MINUTE) });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (customValid) start(minutes);
  };
  const active = timer.status === 'running' || timer.status === 'paused';
  // The server refuses more time past the longest timer; say so before anyone tries.
  const atLongest = active && timer.durationMs >= TIMER_LONGEST_MS;
  return (
    <fieldset className="plenary-console__group" data-testid="timer-controls">
      <legend>{t('plenary.console.timerHeading')}</legend>
      <TimerDisplay timer={timer} variant="console" />
      <div className="plenary-console__row">
        {PRESETS.map((m) => (
          <ConsoleButton
            key={m}
            testId={`timer-start-${m}`}
            disabled={busy}
            onClick={() => start(m)}
          >
            {t('plenary.console.startMinutes', { count: m })}
          </ConsoleButton>
        ))}
      </div>
      <form className="plenary-console__row" onSubmit={onSubmit}>
        <label htmlFor={customId}>{t('plenary.console.customMinutes')}</label>
        <input
          id={customId}
          className="input plenary-console__minutes"
          inputMode="decimal"
          spellCheck={false}
          value={custom}
          onChange={(e) => setCustom(e.target.value)}
          data-testid="timer-custom"
        />
        <button
          type="submit"
          className="button button--small"
          disabled={busy || !customValid}
          data-testid="timer-start-custom"
        >
          {t('plenary.console.start')}
        </button>
      </form>
      <div className="plenary-console__row">
        {timer.status === 'paused' ? (
          <ConsoleButton
            testId="timer-resume"
            disabled={busy}
            onClick={() => onAction({ action: 'resume' })}
          >
            {t('plenary.console.resume')}
          </ConsoleButton>
        ) : (
          <ConsoleButton
            testId="timer-pause"
            disabled={busy || timer.status !== 'running'}
            onClick={() => onAction({ action: 'pause' })}
          >
            {t('plenary.console.pause')}
          </ConsoleButton>
        )}
        {ADD_MINUTES.map((m) => (
          <ConsoleButton
            key={m}
            testId={`timer-add-${m}`}
            disabled={busy || timer.status === 'idle' || atLongest}
            onClick={() => onAction({ action: 'add', ms: m * MINUTE })}
          >
            {t('plenary.console.add', { count: m })}
          </ConsoleButton>
        ))}
        <ConsoleButton
          testId="timer-end"
          secondary
          disabled={busy || !active}
          onClick={() => onAction({ action: 'end' })}
        >
          {t('plenary.console.end')}
        </ConsoleButton>
        <ConsoleButton
          testId="timer-reset"
          secondary
          disabled={busy || timer.status === 'idle'}
          onClick={() => onAction({ action: 'reset' })}
        >
          {t('plenary.console.reset')}
        </ConsoleButton>
      </div>
      {atLongest ? (
        <p className="field__hint" data-testid="timer-at-longest">
          {t('plenary.console.atLongest', { hours: TIMER_LONGEST_MS / (60 * MINUTE) })}
        </p>
      ) : null}
    </fieldset>
  );
}

function JoinControls({
  percorsoId,
  token,
  shown,
  busy,
  run,
}: {
  percorsoId: string;
  token: string;
  shown: ReturnType<typeof usePlenaryState>['join'];
  busy: boolean;
  run: (call: () => Promise<unknown>, done?: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [invites, setInvites] = useState<InviteView[]>([]);
  const [choice, setChoice] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    void reload;
    const controller = new AbortController();
    api.invites(percorsoId, token, controller.signal).then(
      (reply) => {
        const now = Date.now();
        setInvites(
          reply.invites.filter(
            (item) => item.role !== 'proiettore' && item.revokedAt === null && item.expiresAt > now,
          ),
        );
      },
      () => {},
    );
    // Invites made meanwhile in the Inviti section show up without a reload.
    const again = setTimeout(() => setReload((n) => n + 1), 20_000);
    return () => {
      controller.abort();
      clearTimeout(again);
    };
  }, [percorsoId, token, reload]);

  const chosen = choice || invites[0]?.id || '';
  return (
    <fieldset className="plenary-console__group" data-testid="join-controls">
      <legend>{t('plenary.console.joinHeading')}</legend>
      <p className="field__hint">
        {shown === null
          ? t('plenary.console.joinHidden')
          : t('plenary.console.joinShown', { code: shown.code, label: shown.label })}
      </p>
      {invites.length === 0 ? (
        <p className="field__hint">{t('plenary.console.noInvites')}</p>
      ) : (
        <SelectRow
          label={t('plenary.console.joinInvite')}
          value={chosen}
          onFocus={() => setReload((n) => n + 1)}
          onChange={setChoice}
          testId="join-invite-select"
          action={
            <ConsoleButton
              testId="join-show"
              disabled={busy || chosen === ''}
              onClick={() => void run(() => plenaryApi.setJoin(percorsoId, token, chosen))}
            >
              {t('plenary.console.joinShow')}
            </ConsoleButton>
          }
        >
          {invites.map((item) => (
            <option key={item.id} value={item.id}>
              {`${item.label || item.code} · ${t(`access.roles.${item.role}`)}`}
            </option>
          ))}
        </SelectRow>
      )}
      <div className="plenary-console__row">
        <ConsoleButton
          testId="join-hide"
          secondary
          disabled={busy || shown === null}
          onClick={() => void run(() => plenaryApi.setJoin(percorsoId, token, null))}
        >
          {t('plenary.console.joinHide')}
        </ConsoleButton>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => setReload((n) => n + 1)}
          data-testid="join-invites-refresh"
        >
          {t('plenary.console.reloadInvites')}
        </button>
      </div>
    </fieldset>
  );
}

function LaneControls({ snodi, token }: { snodi: readonly ConsoleSnodo[]; token: string }) {
  const { t } = useTranslation();
  if (snodi.length === 0) return null;
  return (
    <div className="plenary-console__group" data-testid="lane-controls">
      <h3>{t('plenary.console.lanesHeading')}</h3>
      <p className="field__hint">{t('plenary.console.lanesHint')}</p>
      {snodi.map((snodo) => (
        <SnodoLanes key={snodo.boardId} snodo={snodo} token={token} />
      ))}
    </div>
  );
}

/** One snodo's lanes and session, opened (and its board connected) only when expanded. */
function SnodoLanes({ snodo, token }: { snodo: ConsoleSnodo; token: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="plenary-console__snodo"
      data-testid="snodo-lanes"
      data-board-id={snodo.boardId}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{snodo.titolo}</summary>
      {open ? <SnodoLaneForm boardId={snodo.boardId} token={token} /> : null}
    </details>
  );
}

function SnodoLaneForm({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation();
  const { doc } = useReadOnlyBoard(boardId, token);
  const locked = useLockedLanes(doc);
  const { busy, status, run } = useAction();
  const set = (lanes: readonly CardKind[]) =>
    run(() => api.lockLanes(boardId, token, lanes), t('plenary.console.lanesSaved'));
  const all = CARD_KINDS.every((kind) => locked.includes(kind));
  const openSession = () =>
    void run(() => exportsApi.openSession(boardId, token), t('plenary.console.sessionOpened'));
  const closeSession = () =>
    void run(() => exportsApi.closeSession(boardId, token), t('plenary.console.sessionClosed'));
  return (
    <div className="plenary-console__lanes">
      {doc === null ? <p className="field__hint">{t('plenary.projector.loadingBoard')}</p> : null}
      <fieldset disabled={doc === null || busy}>
        <legend className="visually-hidden">{t('plenary.console.lanesLegend')}</legend>
        {CARD_KINDS.map((kind) => {
          const id = `${boardId}-lock-${kind}`;
          return (
            <div key={kind} className="checkbox">
              <input
                id={id}
                type="checkbox"
                checked={locked.includes(kind)}
                onChange={(event) =>
                  void set(
                    event.target.checked
                      ? [...locked, kind]
                      : locked.filter((item) => item !== kind),
                  )
                }
                data-testid={`lock-${kind}`}
              />
              <label htmlFor={id}>
                {t('plenary.console.lockLane')} <span lang="it">{t(`sections.${kind}.title`)}</span>
              </label>
            </div>
          );
        })}
        <ConsoleButton testId="lock-all" onClick={() => void set(all ? [] : CARD_KINDS)}>
          {all ? t('plenary.console.unlockBoard') : t('plenary.console.lockBoard')}
        </ConsoleButton>
      </fieldset>
      <div className="plenary-console__row">
        <ConsoleButton
          testId="plenary-session-open"
          secondary
          disabled={busy}
          onClick={openSession}
        >
          {t('exports.openSession')}
        </ConsoleButton>
        <ConsoleButton
          testId="plenary-session-close"
          secondary
          disabled={busy}
          onClick={closeSession}
        >
          {t('exports.closeSession')}
        </ConsoleButton>
      </div>
      <p role="status" className="plenary-console__status">
        {status}
      </p>
    </div>
  );
}
