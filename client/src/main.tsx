import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// First, so that our styles and the canvas's override it. Cut down to the chrome's components
// at build time (client/build/bootstrapItaliaChrome.ts): no global reset, no clashing classes.
import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import { App } from './app/App';
import { AnnouncerProvider } from './components/Announcer';
import { setupI18n } from './i18n';
import './styles.css';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (container === null) throw new Error('missing #root element');
  await setupI18n();
  createRoot(container).render(
    <StrictMode>
      <AnnouncerProvider>
        <App />
      </AnnouncerProvider>
    </StrictMode>,
  );
}

void start();
