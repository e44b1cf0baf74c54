import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Around the parts of the app that load on demand (the editors, the outline, other pages): if
 * their code cannot be fetched (the network went away) or they fail to render, this part says
 * so and offers a reload, instead of the whole page going blank. The board itself lives on the
 * server and in the browser's copy, so a reload loses nothing. (A reload, not a retry: browsers
 * remember a module that failed to load for the page's life.)
 */
export class LoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <div className="load-failed" role="alert" data-testid="load-failed">
      <p>{t('app.loadFailed')}</p>
      <button
        type="button"
        className="button button--small"
        onClick={() => window.location.reload()}
      >
        {t('app.reload')}
      </button>
    </div>
  );
}
