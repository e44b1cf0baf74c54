import type { PercorsoView, SnodoTipo } from '@trama/shared';
import { Alert, Badge, Card } from 'design-react-kit';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { boardPath, projectorPath, useLinkHandler } from '../app/router';
import { AccessNotice, AccessPending } from '../auth/AccessNotice';
import { usePercorsoAccess } from '../auth/access';
import { api } from '../auth/api';
import { rememberBoards } from '../auth/tokens';
import { usePresence } from '../board/usePresence';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { EditorEnvironmentProvider } from '../editor/editorEnvironment';
import { useIdentity } from '../identity/identity';
import { InvitesPanel } from '../invites/InvitesPanel';
import { readJoinProfile } from '../join/profile';
import { FollowBar } from '../plenary/FollowBar';
import { PlenaryConsole } from '../plenary/PlenaryConsole';
import { usePlenaryState } from '../plenary/usePlenaryState';
import { useBoardConnection } from '../sync/useBoardConnection';
import { PercorsoExportSlot } from './ExportSlot';
import {
  AvvisoSection,
  MandatoStep,
  ModalitaStep,
  ObiettivoGeneraleStep,
  OggettiStep,
  RiferimentiStep,
  RuoliStep,
} from './PercorsoSteps';
import { type PercorsoSnapshot, usePercorsoBoard } from './percorsoStore';
import { rememberPercorso } from './recentPercorsi';
import { usePercorsoUndo } from './usePercorsoUndo';
import { usePercorsoView } from './usePercorsoView';
import './percorso.css';

/** `/p/<percorsoId>`: the percorso's home and its setup (steps 1–6), co-edited live. */
export function PercorsoPage({ percorsoId }: { percorsoId: string }) {
  const { t } = useTranslation();
  const access = usePercorsoAccess(percorsoId);

  useEffect(() => {
    if (access.status !== 'granted') document.title = t('percorso.documentTitle', { title: '…' });
  }, [access.status, t]);

  if (access.status !== 'granted') {
    return (
      <AccessPending
        access={access}
        checking={
          <p role="status" className="board__loading" data-testid="percorso-loading">
            {t('percorso.checking')}
          </p>
        }
      />
    );
  }
  const { me, token } = access;
  if (me === undefined || token === null || access.role === null) return null;
  // A proiettore invite link opens the percorso: the wall shows the plenary view.
  if (access.role === 'proiettore') return <ToProjector percorsoId={percorsoId} />;
  return (
    <PercorsoHome
      percorsoId={percorsoId}
      boardId={me.percorsoBoardId}
      token={token}
      role={access.role}
      ownBoardId={me.boardId}
      canEdit={access.canEdit}
      isFacilitatore={access.canManage}
    />
  );
}

function ToProjector({ percorsoId }: { percorsoId: string }) {
  useEffect(() => {
    window.history.replaceState(null, '', projectorPath(percorsoId));
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, [percorsoId]);
  return null;
}

function PercorsoHome({
  percorsoId,
  boardId,
  token,
  role,
  ownBoardId,
  canEdit,
  isFacilitatore,
}: {
  percorsoId: string;
  boardId: string;
  token: string;
  role: NonNullable<ReturnType<typeof usePercorsoAccess>['role']>;
  ownBoardId: string | null;
  canEdit: boolean;
  isFacilitatore: boolean;
}) {
  const { t } = useTranslation();
  const { connection, state } = useBoardConnection(boardId, undefined, {
    token,
    kind: 'percorso',
    readOnly: !canEdit,
  });
  const board = usePercorsoBoard(state.ready && connection !== null ? connection.doc : null);
  const undo = usePercorsoUndo(state.ready && connection !== null ? connection.doc : null);
  const snodiKey = board?.snodi.map((snodo) => `${snodo.id}:${snodo.boardId ?? ''}`).join() ?? '';
  const { view, reload } = usePercorsoView(percorsoId, token, snodiKey);
  const { identity } = useIdentity((n) => t('identity.defaultName', { n }));
  const participants = usePresence(connection?.awareness ?? null);
  const title = board?.title || view?.title || t('percorso.untitled');
  const setupHeadingId = useId();
  const mayEdit = canEdit && state.problem !== 'readOnly';
  const plenary = usePlenaryState(state.ready && connection !== null ? connection.doc : null);
  const snodoBoards = (board?.snodi ?? []).flatMap((snodo) =>
    snodo.boardId === undefined
      ? []
      : [{ boardId: snodo.boardId, titolo: snodo.titolo, tipo: snodo.tipo }],
  );
  // Every step section edits the same board with the same rights.
  const stepProps =
    board !== null && connection !== null
      ? { doc: connection.doc, awareness: connection.awareness, board, canEdit: mayEdit }
      : null;

  useEffect(() => {
    document.title = t('percorso.documentTitle', { title });
  }, [t, title]);

  const knownTitle = board?.title || view?.title || '';
  useEffect(() => {
    if (knownTitle !== '') rememberPercorso(percorsoId, knownTitle);
  }, [percorsoId, knownTitle]);

  useEffect(() => {
    connection?.awareness.setLocalStateField('user', {
      name: identity.name,
      color: identity.color,
      ente: readJoinProfile().ente,
    });
  }, [connection, identity]);

  async function createSnodo(tipo: SnodoTipo, titolo: string, oggettoId: string | undefined) {
    const reply = await api.createSnodo(percorsoId, token, {
      tipo,
      titolo,
      ...(oggettoId === undefined ? {} : { oggettoId }),
    });
    rememberBoards(percorsoId, token, [reply.boardId]);
    reload();
  }

  if (state.problem === 'refused') return <AccessNotice reason="refused" />;
  if (state.problem === 'wrongKind') return <AccessNotice reason="denied" />;

  return (
    <div className="percorso" data-testid="percorso" data-role={role}>
      <div className="percorso__top">
        <div>
          <p className="percorso__kicker" lang="it">
            {t('percorso.kicker')}
          </p>
          <h1 data-testid="percorso-title">{title}</h1>
          <p className="percorso__meta">
            {[board?.info.ente || view?.ente, board?.info.ambito].filter(Boolean).join(' · ')}
          </p>
          <p className="percorso__role" data-testid="percorso-role">
            {t('percorso.yourRole')}{' '}
            <Badge color="primary" lang="it">
              {t(`access.roles.${role}`)}
            </Badge>
            {!mayEdit ? ` · ${t('percorso.readOnly')}` : null}
          </p>
        </div>
        <ConnectionIndicator status={state.status} />
      </div>
      {state.problem === 'readOnly' ? <AccessNotice reason="readOnly" /> : null}
      {!isFacilitatore ? (
        <FollowBar
          plenary={plenary}
          percorsoId={percorsoId}
          here={null}
          boards={new Map(snodoBoards.map((item) => [item.boardId, item.titolo]))}
        />
      ) : null}
      <nav className="percorso__nav" aria-label={t('percorso.nav')}>
        <ul>
          <li>
            <a href="#snodi">{t('percorso.snodiHome.heading')}</a>
          </li>
          <li>
            <a href="#calendario">{t('percorso.calendar.heading')}</a>
          </li>
          {isFacilitatore ? (
            <li>
              <a href="#plenaria" lang="it">
                {t('plenary.console.heading')}
              </a>
            </li>
          ) : null}
          {isFacilitatore || role === 'referente' ? (
            <li>
              <a href="#inviti">{t('invites.heading')}</a>
            </li>
          ) : null}
          <li>
            <a href="#passaggi">{t('percorso.setupHeading')}</a>
          </li>
        </ul>
      </nav>
      <div className="percorso__overview">
        <SnodiOverview board={board} view={view} />
        <CalendarOverview board={board} />
      </div>
      {isFacilitatore ? (
        <PlenaryConsole
          percorsoId={percorsoId}
          token={token}
          doc={state.ready && connection !== null ? connection.doc : null}
          snodi={snodoBoards}
        />
      ) : null}
      {isFacilitatore && view !== null ? (
        <SettingsPanel percorsoId={percorsoId} token={token} view={view} onSaved={reload} />
      ) : null}
      {isFacilitatore || (role === 'referente' && ownBoardId !== null) ? (
        <div id="inviti">
          <InvitesPanel
            percorsoId={percorsoId}
            token={token}
            role={role}
            ownBoardId={ownBoardId}
            boards={(board?.snodi ?? []).flatMap((snodo) =>
              snodo.boardId === undefined
                ? []
                : [{ boardId: snodo.boardId, titolo: snodo.titolo, tipo: snodo.tipo }],
            )}
          />
        </div>
      ) : null}
      <PercorsoExportSlot
        percorsoId={percorsoId}
        boardId={boardId}
        token={token}
        canExport={isFacilitatore}
      />
      <section className="percorso__setup" aria-labelledby={setupHeadingId} id="passaggi">
        <h2 id={setupHeadingId}>{t('percorso.setupHeading')}</h2>
        <p className="field__hint">
          {mayEdit ? t('percorso.setupIntro') : t('percorso.setupIntroReadOnly')}
        </p>
        {stepProps !== null ? (
          <EditorEnvironmentProvider value={undo}>
            <AvvisoSection {...stepProps} />
            <RiferimentiStep {...stepProps} />
            <ObiettivoGeneraleStep {...stepProps} />
            <RuoliStep {...stepProps} />
            <OggettiStep {...stepProps} />
            <MandatoStep
              {...stepProps}
              canCreateSnodi={isFacilitatore && mayEdit}
              onCreateSnodo={createSnodo}
            />
            <ModalitaStep {...stepProps} />
          </EditorEnvironmentProvider>
        ) : (
          <p className="board__loading" data-testid="percorso-board-loading">
            {t('percorso.loading')}
          </p>
        )}
      </section>
      <aside className="percorso__presence" aria-label={t('percorso.presence')}>
        <h2>{t('percorso.presence')}</h2>
        <ul data-testid="percorso-presence">
          {participants.map((person) => (
            <li key={person.clientId}>
              <span className="avatar" style={{ background: person.color }} aria-hidden="true">
                {person.name.slice(0, 1).toUpperCase()}
              </span>{' '}
              {person.isSelf ? t('presence.you', { name: person.name }) : person.name}
              {person.ente !== '' ? ` (${person.ente})` : null}
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}

function SnodoLink({ boardId, children }: { boardId: string; children: string }) {
  const href = boardPath(boardId);
  const onClick = useLinkHandler(href);
  return (
    <a href={href} onClick={onClick} data-testid="snodo-link">
      {children}
    </a>
  );
}

/** A panel of the percorso home: a section named by its heading. */
function HomePanel({
  heading,
  id,
  testId,
  children,
}: {
  heading: string;
  id?: string;
  testId: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Card
      tag="section"
      shadow="sm"
      rounded
      className="panel"
      aria-labelledby={headingId}
      id={id}
      testId={testId}
    >
      <h2 id={headingId}>{heading}</h2>
      {children}
    </Card>
  );
}

/** The snodi with their boards: live from the percorso board, permissions from the server. */
function SnodiOverview({
  board,
  view,
}: {
  board: PercorsoSnapshot | null;
  view: PercorsoView | null;
}) {
  const { t } = useTranslation();
  const snodi = board?.snodi ?? [];
  return (
    <HomePanel heading={t('percorso.snodiHome.heading')} id="snodi" testId="snodi">
      {snodi.length === 0 ? (
        <p className="field__hint">{t('percorso.snodi.none')}</p>
      ) : (
        <ul className="snodi-list">
          {snodi.map((snodo) => {
            const seen = view?.snodi.find((item) => item.boardId === snodo.boardId);
            const oggetto = board?.oggetti.find((item) => item.id === snodo.oggettoId);
            return (
              <li key={snodo.id} data-testid="snodo" data-board-id={snodo.boardId}>
                <span className="snodi-list__tipo" lang="it">
                  {t(`percorso.snodi.tipi.${snodo.tipo}`)}
                </span>{' '}
                {seen !== undefined && snodo.boardId !== undefined ? (
                  <SnodoLink boardId={snodo.boardId}>{snodo.titolo}</SnodoLink>
                ) : (
                  <span>{snodo.titolo}</span>
                )}
                {oggetto !== undefined ? (
                  <span className="snodi-list__meta">
                    {' '}
                    · {t('percorso.snodi.oggetto')}: {oggetto.titolo}
                  </span>
                ) : null}
                <span className="snodi-list__meta">
                  {' '}
                  ·{' '}
                  {seen === undefined
                    ? t('percorso.snodiHome.noAccess')
                    : seen.permission === 'write'
                      ? t('percorso.snodiHome.write')
                      : t('percorso.snodiHome.read')}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </HomePanel>
  );
}

function CalendarOverview({ board }: { board: PercorsoSnapshot | null }) {
  const { t, i18n } = useTranslation();
  const items = board?.tappe ?? [];
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' });
  return (
    <HomePanel heading={t('percorso.calendar.heading')} id="calendario" testId="calendar">
      {items.length === 0 ? (
        <p className="field__hint">{t('percorso.tappe.none')}</p>
      ) : (
        <ol className="calendar">
          {items.map((tappa) => {
            const snodo = board?.snodi.find((item) => item.id === tappa.snodoId);
            return (
              <li key={tappa.id}>
                <time dateTime={tappa.data}>
                  {format.format(new Date(`${tappa.data}T00:00:00Z`))}
                </time>{' '}
                — {tappa.titolo}{' '}
                <span className="snodi-list__meta">
                  ({t(`percorso.tappe.tipi.${tappa.tipo}`)} ·{' '}
                  {snodo !== undefined ? snodo.titolo : t('percorso.tappe.plenaria')}
                  {tappa.luogo ? ` · ${tappa.luogo}` : ''})
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </HomePanel>
  );
}

function SettingsPanel({
  percorsoId,
  token,
  view,
  onSaved,
}: {
  percorsoId: string;
  token: string;
  view: PercorsoView;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const checkboxId = useId();
  const hintId = useId();
  const [value, setValue] = useState(view.participantsReadOtherSnodi);
  const [failed, setFailed] = useState(false);
  useEffect(() => setValue(view.participantsReadOtherSnodi), [view.participantsReadOtherSnodi]);

  async function change(next: boolean) {
    setValue(next);
    setFailed(false);
    try {
      await api.updateSettings(percorsoId, token, { participantsReadOtherSnodi: next });
      onSaved();
    } catch {
      setValue(!next);
      setFailed(true);
    }
  }

  return (
    <HomePanel heading={t('percorso.settings.heading')} testId="settings">
      <div className="checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          checked={value}
          aria-describedby={hintId}
          onChange={(event) => void change(event.target.checked)}
          data-testid="setting-read-others"
        />
        <label htmlFor={checkboxId}>{t('percorso.settings.readOthers')}</label>
      </div>
      <p id={hintId} className="field__hint">
        {t('percorso.settings.readOthersHint')}
      </p>
      {failed ? (
        <Alert color="danger" fade={false} className="field__error">
          {t('percorso.settings.failed')}
        </Alert>
      ) : null}
    </HomePanel>
  );
}
