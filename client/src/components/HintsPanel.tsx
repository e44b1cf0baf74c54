import type { Finding } from '@trama/shared';
import { Badge } from 'design-react-kit';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';

/**
 * The model's checks as a list: hints, never blockers. Each names the step and offers to go
 * to the card concerned.
 */
export function HintsPanel({
  findings,
  onGoTo,
}: {
  findings: readonly Finding[];
  onGoTo: (cardId: string) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const language = currentLanguage();
  return (
    <section className="hints" aria-labelledby={headingId} data-testid="hints-panel">
      <h2 id={headingId} className="hints__heading">
        {t('hints.heading')}{' '}
        <Badge color="primary" pill className="hints__count">
          {findings.length}
        </Badge>
      </h2>
      <p className="hints__intro">{t('hints.intro')}</p>
      {findings.length === 0 ? (
        <p>{t('hints.none')}</p>
      ) : (
        <ul className="hints__list">
          {findings.map((finding) => {
            const cardId = finding.cardIds[0];
            return (
              <li
                key={finding.key}
                className="hints__item"
                data-severity={finding.severity}
                data-check={finding.check}
                data-testid="hint"
              >
                <span className="hints__step">{t('hints.step', { step: finding.step })}</span>{' '}
                <span className="hints__severity">{t(`hints.severity.${finding.severity}`)}</span>
                <p className="hints__message">{finding.message[language]}</p>
                {cardId !== undefined ? (
                  <button
                    type="button"
                    className="btn btn-link btn-xs"
                    onClick={() => onGoTo(cardId)}
                  >
                    {t('hints.goTo')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
