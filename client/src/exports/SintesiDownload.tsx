import { EXPORT_LANGS, type ExportLang } from '@trama/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExportRunner } from './download';
import { exportsApi } from './exportsApi';
import './exports.css';

/** The documento istruttorio di sintesi, on the percorso home, for the facilitator. */
export function SintesiDownload({
  percorsoId,
  token,
  canExport,
}: {
  percorsoId: string;
  token: string;
  canExport: boolean;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const langId = useId();
  const [lang, setLang] = useState<ExportLang>(i18n.language.startsWith('en') ? 'en' : 'it');
  const { busy, status, download: runDownload } = useExportRunner();
  if (!canExport) return null;

  const download = (format: 'docx' | 'pdf') =>
    runDownload(() => exportsApi.sintesi(percorsoId, format, lang, token));

  return (
    <section className="sintesi" aria-labelledby={headingId} data-testid="sintesi">
      <h2 id={headingId} lang="it">
        {t('exports.sintesi.heading')}
      </h2>
      <p className="field__hint">{t('exports.sintesi.hint')}</p>
      <div className="sintesi__actions">
        <label htmlFor={langId} className="field__label">
          {t('exports.language')}
        </label>
        <select
          id={langId}
          className="input"
          value={lang}
          onChange={(event) => setLang(event.target.value as ExportLang)}
        >
          {EXPORT_LANGS.map((value) => (
            <option key={value} value={value}>
              {t(`exports.langs.${value}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void download('docx')}
          data-testid="sintesi-docx"
        >
          {t('exports.sintesi.docx')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void download('pdf')}
          data-testid="sintesi-pdf"
        >
          {t('exports.sintesi.pdf')}
        </button>
      </div>
      <p className="exports-menu__status" role="status">
        {status}
      </p>
    </section>
  );
}
