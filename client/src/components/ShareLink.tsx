import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from './Announcer';

/** The board's link, selectable and copyable, so a facilitator can pass it on. */
export function ShareLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(url);
      announce(t('board.share.copied'));
    } catch {
      // Not a secure context or permission denied: select it so Ctrl+C works.
      input.current?.focus();
      input.current?.select();
      announce(t('board.share.copyFailed'));
    }
  }

  return (
    <div className="field share">
      <label htmlFor={inputId} className="field__label">
        {t('board.share.label')}
      </label>
      <div className="share__row">
        <input
          ref={input}
          id={inputId}
          className="input share__url"
          type="url"
          value={url}
          readOnly
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="share-url"
        />
        <button type="button" className="button button--secondary" onClick={copy}>
          {t('board.share.copy')}
        </button>
      </div>
    </div>
  );
}
