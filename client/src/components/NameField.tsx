import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NAME_LENGTH } from '../identity/identity';

/** "Il tuo nome": what the others see in the presence list and beside your caret. */
export function NameField({
  value,
  onChange,
}: {
  value: string;
  onChange: (name: string) => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={inputId} className="field__label">
        {t('identity.nameLabel')}
      </label>
      <input
        id={inputId}
        className="form-control"
        type="text"
        autoComplete="nickname"
        spellCheck={false}
        maxLength={MAX_NAME_LENGTH}
        value={value}
        aria-describedby={hintId}
        onChange={(event) => onChange(event.target.value)}
        data-testid="display-name"
      />
      <p id={hintId} className="field__hint">
        {t('identity.nameHint')}
      </p>
    </div>
  );
}
