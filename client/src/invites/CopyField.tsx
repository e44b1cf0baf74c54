import { useTranslation } from 'react-i18next';
import { useCopyField } from '../components/useCopyField';

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
  const { inputId, input, copy } = useCopyField(value, {
    copied: t('invites.copied'),
    copyFailed: t('invites.copyFailed'),
  });

  return (
    <div className="field copy-field">
      <label htmlFor={inputId} className="field__label">
        {label}
      </label>
      <div className="copy-field__row">
        <input
          ref={input}
          id={inputId}
          className="form-control copy-field__value"
          type="text"
          value={value}
          readOnly
          spellCheck={false}
          aria-describedby={describedBy}
          onFocus={(event) => event.currentTarget.select()}
          data-testid={testId}
        />
        <button type="button" className="btn btn-outline-primary" onClick={copy}>
          {t('invites.copy')}
          <span className="visually-hidden">: {label}</span>
        </button>
      </div>
    </div>
  );
}
