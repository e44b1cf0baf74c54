import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../components/Announcer';

/** A read-only value (a link, a code) with a copy button; selects it when copying fails. */
export function CopyField({
  label,
  value,
  testId,
  describedBy,
}: {
  label: string;
  value: string;
  testId?: string;
  describedBy?: string | undefined;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(value);
      announce(t('invites.copied'));
    } catch {
      input.current?.focus();
      input.current?.select();
      announce(t('invites.copyFailed'));
    }
  }

  return (
    <div className="field copy-field">
      <label htmlFor={inputId} className="field__label">
        {label}
      </label>
      <div className="copy-field__row">
        <input
          ref={input}
          id={inputId}
          className="input copy-field__value"
          type="text"
          value={value}
          readOnly
          spellCheck={false}
          aria-describedby={describedBy}
          onFocus={(event) => event.currentTarget.select()}
          data-testid={testId}
        />
        <button type="button" className="button button--secondary" onClick={copy}>
          {t('invites.copy')}
          <span className="visually-hidden">: {label}</span>
        </button>
      </div>
    </div>
  );
}
