import { useTranslation } from 'react-i18next';

export type BoardView = 'canvas' | 'outline';

export function isBoardView(value: unknown): value is BoardView {
  return value === 'canvas' || value === 'outline';
}

/** Canvas or outline: two views of the same board; the choice is kept on this device. */
export function ViewSwitcher({
  view,
  onChange,
}: {
  view: BoardView;
  onChange: (view: BoardView) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="view-switcher" data-testid="view-switcher">
      <legend className="visually-hidden">{t('view.label')}</legend>
      {(['canvas', 'outline'] as const).map((option) => (
        <button
          key={option}
          type="button"
          className={view === option ? 'btn btn-primary btn-xs' : 'btn btn-outline-primary btn-xs'}
          aria-pressed={view === option}
          onClick={() => onChange(option)}
          data-testid={`view-${option}`}
        >
          {t(`view.${option}`)}
        </button>
      ))}
    </fieldset>
  );
}
