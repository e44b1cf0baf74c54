import { useTranslation } from 'react-i18next';
import { useCopyField } from './useCopyField';

/** The board's link, selectable and copyable, so a facilitator can pass it on. */
export function ShareLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const { inputId, input, copy } = useCopyField(url, {
    copied: t('board.share.copied'),
    copyFailed: t('board.share.copyFailed'),
  });

  return (
    <div className="field share">
      <label htmlFor={inputId} className="field__label">
        {t('board.share.label')}
      </label>
      <div className="share__row">
        <input
          ref={input}
          id={inputId}
          className="form-control share__url"
          type="url"
          value={url}
          readOnly
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="share-url"
        />
        <button type="button" className="btn btn-outline-primary" onClick={copy}>
          {t('board.share.copy')}
        </button>
      </div>
    </div>
  );
}
