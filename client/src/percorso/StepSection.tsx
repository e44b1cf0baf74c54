import { type BilingualText, getMethodStep, type StepId } from '@trama/shared';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

// The chrome's Bootstrap Italia classes written out (it-card, alert, badge) rather than
// design-react-kit's components: unit tests import this module's helpers under Node, where the
// kit's extensionless ESM build does not load.

/** Pure: a bilingual text of the method in the UI's language (Italian unless English). */
export function pickText(
  text: BilingualText,
  language: string,
): { text: string; lang: 'it' | 'en' } {
  return language.startsWith('en') ? { text: text.en, lang: 'en' } : { text: text.it, lang: 'it' };
}

/** One of steps 1–6: its number and title, its domande guida, then its fields. */
export function StepSection({ step, children }: { step: StepId; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const data = getMethodStep(step);
  const title = pickText(data.title, i18n.language);
  return (
    <section
      className="step panel it-card border rounded shadow-sm"
      aria-labelledby={headingId}
      id={`passaggio-${data.number}`}
      data-testid={`step-${step}`}
    >
      <p className="step__number">{t('percorso.steps.number', { n: data.number })}</p>
      <h3 id={headingId} lang={title.lang}>
        {title.text}
      </h3>
      <div className="step__questions">
        <p className="step__questions-label">{t('percorso.steps.domandeGuida')}</p>
        <ul>
          {data.domandeGuida.map((question) => {
            const shown = pickText(question, i18n.language);
            return (
              <li key={question.it} lang={shown.lang}>
                {shown.text}
              </li>
            );
          })}
        </ul>
      </div>
      <div className="step__fields">{children}</div>
    </section>
  );
}
