import {
  BOARD_EXPORT_FORMATS,
  type BoardExportFormat,
  EXPORT_LANGS,
  type ExportLang,
} from '@trama/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoardAccess } from '../auth/access';
import { useExportRunner } from './download';
import { ExportError, exportsApi } from './exportsApi';
import { SnapshotsPanel } from './SnapshotsPanel';
import './exports.css';

/**
 * *Esporta*, in the board page header, for whoever may export this board (the facilitator,
 * the tavolo's referente): the scheda di tavolo in five formats, the board image, the
 * verbale, the session's open/close, and the snapshots.
 */
export function ExportMenu({ boardId }: { boardId: string }) {
  const { t, i18n } = useTranslation();
  const access = useBoardAccess(boardId);
  const langId = useId();
  const [lang, setLang] = useState<ExportLang>(i18n.language.startsWith('en') ? 'en' : 'it');
  const { busy, status, run, download: runDownload } = useExportRunner();
  const [snapshotsOpen, setSnapshotsOpen] = useState(false);
  const token = access.token;
  if (access.status !== 'granted' || !access.canManage || token === null) return null;

  const download = (format: BoardExportFormat) =>
    runDownload(() => exportsApi.boardExport(boardId, format, lang, token));

  const image = (format: 'svg' | 'png') =>
    run(async () => {
      // html-to-image loads only for an image export; without a network it cannot.
      const { saveBoardImage } = await import('./boardImage').catch(() => {
        throw new ExportError(0, t('app.loadFailed'));
      });
      const saved = await saveBoardImage(format, `lavagna-${boardId}`);
      return saved
        ? t('exports.downloaded', { name: `lavagna-${boardId}.${format}` })
        : t('exports.imageNeedsCanvas');
    });

  const verbale = (format: 'md' | 'docx' | 'pdf') =>
    runDownload(() => exportsApi.verbale(boardId, format, lang, token));

  return (
    <>
      <details className="exports-menu" data-testid="export-menu">
        <summary className="button button--small" data-testid="export-menu-toggle">
          {t('exports.menu')}
        </summary>
        <div className="exports-menu__panel">
          <p className="exports-menu__hint">{t('exports.menuHint')}</p>
          <div className="field">
            <label htmlFor={langId} className="field__label">
              {t('exports.language')}
            </label>
            <select
              id={langId}
              className="input"
              value={lang}
              onChange={(event) => setLang(event.target.value as ExportLang)}
              data-testid="export-lang"
            >
              {EXPORT_LANGS.map((value) => (
                <option key={value} value={value}>
                  {t(`exports.langs.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="exports-menu__group">
            <legend>{t('exports.schedaHeading')}</legend>
            {BOARD_EXPORT_FORMATS.map((format) => (
              <button
                key={format}
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => void download(format)}
                data-testid={`export-${format}`}
              >
                {t(`exports.formats.${format}`)}
              </button>
            ))}
          </fieldset>
          <fieldset className="exports-menu__group">
            <legend>{t('exports.imageHeading')}</legend>
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void image('svg')}
              data-testid="export-svg"
            >
              {t('exports.imageSvg')}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void image('png')}
              data-testid="export-png"
            >
              {t('exports.imagePng')}
            </button>
          </fieldset>
          <fieldset className="exports-menu__group">
            <legend>{t('exports.verbaleHeading')}</legend>
            {(['docx', 'pdf', 'md'] as const).map((format) => (
              <button
                key={format}
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => void verbale(format)}
                data-testid={`verbale-${format}`}
              >
                {t(`exports.formats.${format}`)}
              </button>
            ))}
          </fieldset>
          <fieldset className="exports-menu__group">
            <legend>{t('exports.sessionHeading')}</legend>
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  const reply = await exportsApi.openSession(boardId, token);
                  return t('exports.sessionOpened', { n: reply.sessionNumber });
                })
              }
              data-testid="session-open"
            >
              {t('exports.openSession')}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  const reply = await exportsApi.closeSession(boardId, token);
                  return t('exports.sessionClosed', {
                    n: reply.sessionNumber,
                    name: reply.snapshot?.name ?? '',
                  });
                })
              }
              data-testid="session-close"
            >
              {t('exports.closeSession')}
            </button>
            <button
              type="button"
              className="button button--small"
              aria-expanded={snapshotsOpen}
              onClick={() => setSnapshotsOpen((open) => !open)}
              data-testid="snapshots-toggle"
            >
              {t('exports.snapshots.toggle')}
            </button>
          </fieldset>
          <p className="exports-menu__status" data-testid="export-status">
            {status}
          </p>
        </div>
      </details>
      {snapshotsOpen ? (
        <SnapshotsPanel boardId={boardId} token={token} onClose={() => setSnapshotsOpen(false)} />
      ) : null}
    </>
  );
}
