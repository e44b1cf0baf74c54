import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/AppHeader';
import { LoadBoundary } from '../components/LoadBoundary';
import { Loading } from '../components/Loading';
import { ExportMenu } from '../exports/ExportMenu';
import { JoinGate } from '../join/JoinGate';
import { BoardPage } from '../pages/BoardPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { type Route, useRoute } from './router';

// Pages other than a board load on demand: a tavolo's board, the page most people open, comes
// up without downloading and parsing the percorso's, the projector's or the home's code.
const HomePage = lazy(() => import('../pages/HomePage').then((m) => ({ default: m.HomePage })));
const JoinPage = lazy(() => import('../join/JoinPage').then((m) => ({ default: m.JoinPage })));
const PercorsoPage = lazy(() =>
  import('../percorso/PercorsoPage').then((m) => ({ default: m.PercorsoPage })),
);
const ConfrontoPage = lazy(() =>
  import('../plenary/ConfrontoPage').then((m) => ({ default: m.ConfrontoPage })),
);
const ProjectorPage = lazy(() =>
  import('../plenary/ProjectorPage').then((m) => ({ default: m.ProjectorPage })),
);

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
        <LoadBoundary key={routeKey}>
          <Suspense fallback={<Loading />}>
            <Page route={route} />
          </Suspense>
        </LoadBoundary>
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
        <LoadBoundary key={routeKey}>
          <Suspense fallback={<Loading />}>
            <Page route={route} />
          </Suspense>
        </LoadBoundary>
      </main>
    </>
  );
}
