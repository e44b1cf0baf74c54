import { METHOD_STEPS, type PlenaryFocus } from '@trama/shared';
import type { TFunction } from 'i18next';
import type { Language } from '../i18n';

/** The snodi a page knows by board id (title), to name what is in focus. */
export type BoardTitles = ReadonlyMap<string, string>;

/** Pure: what the facilitator has in focus, in words ("Passaggio 7 — …", "Tavolo anziani"). */
export function describeFocus(
  focus: PlenaryFocus,
  t: TFunction,
  lang: Language,
  boards: BoardTitles,
): string {
  switch (focus.kind) {
    case 'none':
      return t('plenary.focus.none');
    case 'step': {
      const step = METHOD_STEPS.find((item) => item.number === focus.step);
      return t('plenary.focus.step', { n: focus.step, title: step?.title[lang] ?? '' });
    }
    case 'snodo':
      return t('plenary.focus.snodo', {
        title: boards.get(focus.boardId) ?? t('plenary.focus.aSnodo'),
      });
    case 'card':
      return t('plenary.focus.card', {
        title: boards.get(focus.boardId) ?? t('plenary.focus.aSnodo'),
      });
    case 'confronto':
      return focus.spotlight === null
        ? t('plenary.focus.confronto')
        : t('plenary.focus.confrontoSpotlight', {
            title: boards.get(focus.spotlight) ?? t('plenary.focus.aSnodo'),
          });
  }
}
