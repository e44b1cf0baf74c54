import {
  CARD_KINDS,
  type CardKind,
  type SnapshotDiff,
  type SnapshotView,
  type SnodoBoardJSON,
} from '@trama/shared';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../components/Announcer';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ExportError, exportsApi } from './exportsApi';

type Shown =
  | { kind: 'view'; snapshot: SnapshotView; board: SnodoBoardJSON }
  | { kind: 'diff'; diff: SnapshotDiff }
  | null;

/**
 * Named snapshots of the board: take one ("Sessione 2 — 14 marzo"), see one read-only,
 * compare it with today, restore it (as a new change on top; the current state is kept as
 * a snapshot first).
 */
export function SnapshotsPanel({
  boardId,
  token,
  onClose,
}: {
  boardId: string;
  token: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const headingId = useId();
  const nameId = useId();
  const [list, setList] = useState<SnapshotView[] | null>(null);
  const [name, setName] = useState('');
  const [shown, setShown] = useState<Shown>(null);
  const [confirm, setConfirm] = useState<SnapshotView | null>(null);
  const [error, setError] = useState('');

  const fail = useCallback(
    (e: unknown) => {
      const message = t('exports.failed', {
        message: e instanceof ExportError || e instanceof Error ? e.message : String(e),
      });
      setError(message);
      announce(message);
    },
    [t, announce],
  );

  const reload = useCallback(() => {
    exportsApi.snapshots(boardId, token).then(setList, fail);
  }, [boardId, token, fail]);

  useEffect(reload, [reload]);

  const date = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

  const take = async () => {
    const clean = name.trim();
    if (clean === '') return;
    try {
      const snapshot = await exportsApi.takeSnapshot(boardId, clean, token);
      setName('');
      announce(t('exports.snapshots.taken', { name: snapshot.name }));
      reload();
    } catch (e) {
      fail(e);
    }
  };

  const restore = async (snapshot: SnapshotView) => {
    setConfirm(null);
    try {
      await exportsApi.restore(boardId, snapshot.id, token);
      announce(t('exports.snapshots.restored', { name: snapshot.name }));
      setShown(null);
      reload();
    } catch (e) {
      fail(e);
    }
  };

  const laneTitle = (kind: CardKind) => t(`exports.snapshots.lanes.${kind}`);

  return (
    <section className="snapshots" aria-labelledby={headingId} data-testid="snapshots-panel">
      <div className="snapshots__head">
        <h2 id={headingId}>{t('exports.snapshots.heading')}</h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('exports.snapshots.close')}
        </button>
      </div>
      <form
        className="snapshots__take"
        onSubmit={(event) => {
          event.preventDefault();
          void take();
        }}
      >
        <label htmlFor={nameId} className="field__label">
          {t('exports.snapshots.nameLabel')}
        </label>
        <input
          id={nameId}
          className="input"
          value={name}
          maxLength={120}
          spellCheck={false}
          placeholder={t('exports.snapshots.namePlaceholder')}
          onChange={(event) => setName(event.target.value)}
          data-testid="snapshot-name"
        />
        <button
          type="submit"
          className="button button--small"
          disabled={name.trim() === ''}
          data-testid="snapshot-take"
        >
          {t('exports.snapshots.take')}
        </button>
      </form>
      {error ? <p className="snapshots__error">{error}</p> : null}
      {list !== null && list.length === 0 ? <p>{t('exports.snapshots.none')}</p> : null}
      <ul className="snapshots__list" data-testid="snapshot-list">
        {(list ?? []).map((snapshot) => (
          <li key={snapshot.id} className="snapshots__item">
            <span className="snapshots__name">{snapshot.name}</span>
            <span className="snapshots__meta">
              {date(snapshot.createdAt)} · {t('exports.snapshots.cards', { count: snapshot.cards })}
              {snapshot.auto ? ` · ${t('exports.snapshots.auto')}` : ''}
              {snapshot.takenBy ? ` · ${snapshot.takenBy}` : ''}
            </span>
            <span className="snapshots__actions">
              <button
                type="button"
                className="button button--small"
                onClick={() =>
                  exportsApi
                    .snapshot(boardId, snapshot.id, token)
                    .then(
                      (reply) =>
                        setShown({ kind: 'view', snapshot: reply.snapshot, board: reply.board }),
                      fail,
                    )
                }
              >
                {t('exports.snapshots.view')}
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() =>
                  exportsApi
                    .diff(boardId, snapshot.id, token)
                    .then((diff) => setShown({ kind: 'diff', diff }), fail)
                }
                data-testid="snapshot-compare"
              >
                {t('exports.snapshots.compare')}
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => setConfirm(snapshot)}
                data-testid="snapshot-restore"
              >
                {t('exports.snapshots.restore')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {shown?.kind === 'view' ? (
        <div className="snapshots__shown" data-testid="snapshot-view">
          <h3>{t('exports.snapshots.readOnly', { name: shown.snapshot.name })}</h3>
          {CARD_KINDS.map((kind) => (
            <div key={kind}>
              <h4 lang="it">{laneTitle(kind)}</h4>
              <ul>
                {shown.board.cards
                  .filter((card) => card.kind === kind)
                  .map((card) => (
                    <li key={card.id}>{card.title || t('exports.snapshots.untitled')}</li>
                  ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
      {shown?.kind === 'diff' ? (
        <div className="snapshots__shown" data-testid="snapshot-diff">
          <h3>{t('exports.snapshots.diffHeading', { name: shown.diff.snapshot.name })}</h3>
          {CARD_KINDS.every((kind) =>
            (['added', 'removed', 'edited', 'moved'] as const).every(
              (what) => shown.diff.lanes[kind][what].length === 0,
            ),
          ) ? (
            <p>{t('exports.snapshots.noChanges')}</p>
          ) : (
            CARD_KINDS.map((kind) => (
              <div key={kind}>
                <h4 lang="it">{laneTitle(kind)}</h4>
                <ul>
                  {(['added', 'removed', 'edited', 'moved'] as const).map((what) => {
                    const cards = shown.diff.lanes[kind][what];
                    return cards.length === 0 ? null : (
                      <li key={what}>
                        <strong>
                          {cards.length} {t(`exports.snapshots.${what}`)}
                        </strong>
                        : {cards.map((c) => c.title || t('exports.snapshots.untitled')).join(', ')}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))
          )}
        </div>
      ) : null}
      <ConfirmDialog
        open={confirm !== null}
        heading={t('exports.snapshots.restoreHeading', { name: confirm?.name ?? '' })}
        confirmLabel={t('exports.snapshots.restore')}
        cancelLabel={t('exports.snapshots.cancel')}
        onConfirm={() => {
          if (confirm) void restore(confirm);
        }}
        onCancel={() => setConfirm(null)}
      >
        <p>{t('exports.snapshots.restoreBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
