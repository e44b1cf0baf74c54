import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ENTE_LENGTH } from '../identity/identity';

/** "Il tuo ente": shown beside your name to the others (communityholders say who they are). */
export function EnteField({
  value,
  onChange,
}: {
  value: string;
  onChange: (ente: string) => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  return (
    <div className="field">
      <label htmlFor={inputId} className="field__label">
        {t('participant.enteLabel')}
      </label>
      <input
        id={inputId}
        className="form-control"
        type="text"
        autoComplete="organization"
        spellCheck={false}
        maxLength={MAX_ENTE_LENGTH}
        placeholder={t('participant.entePlaceholder')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid="display-ente"
      />
    </div>
  );
}
