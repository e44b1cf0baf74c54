import type { PercorsoView } from '@trama/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../auth/api';
import { rememberBoards } from '../auth/tokens';

/**
 * `GET /api/percorsi/:id`: title, ente, settings and the snodi this token may open (with the
 * permission on each). Asked again when `refreshKey` changes (e.g. a snodo appears on the
 * percorso board). The boards it lists are remembered as opened by this token.
 */
export function usePercorsoView(
  percorsoId: string,
  token: string | null,
  refreshKey: string,
): { view: PercorsoView | null; failed: boolean; reload: () => void } {
  const [view, setView] = useState<PercorsoView | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    void refreshKey;
    void attempt;
    if (token === null) return;
    const controller = new AbortController();
    api.percorso(percorsoId, token, controller.signal).then(
      (reply) => {
        setView(reply);
        setFailed(false);
        rememberBoards(
          percorsoId,
          token,
          reply.snodi.map((snodo) => snodo.boardId),
        );
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFailed(!(error instanceof ApiError && error.offline));
      },
    );
    return () => controller.abort();
  }, [percorsoId, token, refreshKey, attempt]);

  return { view, failed, reload };
}
