import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/AppHeader';
import { ExportMenu } from '../exports/ExportMenu';
import { JoinGate } from '../join/JoinGate';
import { JoinPage } from '../join/JoinPage';
import { BoardPage } from '../pages/BoardPage';
import { HomePage } from '../pages/HomePage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PercorsoPage } from '../percorso/PercorsoPage';
import { ConfrontoPage } from '../plenary/ConfrontoPage';
import { ProjectorPage } from '../plenary/ProjectorPage';
import { type Route, useRoute } from './router';

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'board':
      // keyed: another board is a fresh page (new document, new connection); someone
      // arriving with an invite link first says who they are (JoinGate)
      return (
        <JoinGate key={route.boardId} kind="board" id={route.boardId}>
          <BoardPage boardId={route.boardId} actions={<ExportMenu boardId={route.boardId} />} />
        </JoinGate>
      );
    case 'percorso':
      return (
        <JoinGate key={route.percorsoId} kind="percorso" id={route.percorsoId}>
          <PercorsoPage percorsoId={route.percorsoId} />
        </JoinGate>
      );
    case 'projector':
      return <ProjectorPage key={route.percorsoId} percorsoId={route.percorsoId} />;
    case 'confronto':
      return <ConfrontoPage key={route.percorsoId} percorsoId={route.percorsoId} />;
    case 'join':
      return <JoinPage key={route.code ?? ''} code={route.code} />;
    case 'invalidBoard':
      return <NotFoundPage invalidBoardId={route.boardId} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const routeKey =
    route.name === 'board'
      ? `board:${route.boardId}`
      : route.name === 'percorso'
        ? `percorso:${route.percorsoId}`
        : route.name === 'projector' || route.name === 'confronto'
          ? `${route.name}:${route.percorsoId}`
          : route.name === 'join'
            ? `join:${route.code ?? ''}`
            : route.name;
  const shownRoute = useRef(routeKey);

  // After an in-app navigation, start screen readers and keyboards at the new page's content.
  useEffect(() => {
    if (shownRoute.current === routeKey) return;
    shownRoute.current = routeKey;
    main.current?.focus();
  }, [routeKey]);

  // The wall of the plenary: nothing but the projected content, in large type.
  if (route.name === 'projector') {
    return (
      <main ref={main} id="main" tabIndex={-1} className="app-main app-main--projector">
        <Page route={route} />
      </main>
    );
  }

  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <main ref={main} id="main" tabIndex={-1} className="app-main">
        <Page route={route} />
      </main>
    </>
  );
}
