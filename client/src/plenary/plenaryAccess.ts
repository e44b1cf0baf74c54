import type { MeReply } from '@trama/shared';
import { useEffect, useState } from 'react';
import { readPreference, writePreference } from '../app/preferences';
import { ApiError, api } from '../auth/api';
import {
  cachedMe,
  readAccess,
  rememberMe,
  tokenForPercorso,
  tokenFromFragment,
} from '../auth/tokens';

const PROJECTOR_KEY = 'plenary.projectorToken.';
const RETRY_MS = 3000;

/**
 * The token a projector or comparison page uses. A `#t=` link to these pages (a proiettore
 * invite) is kept apart from the percorso's own token, so opening the wall view on the
 * facilitator's laptop never replaces the facilitator's access; without one, the percorso's
 * token of this device is used (the facilitator's own, say).
 */
export function plenaryToken(
  percorsoId: string,
  location: Location = window.location,
): string | null {
  const fromLink = tokenFromFragment(location.hash);
  if (fromLink !== null) {
    writePreference(PROJECTOR_KEY + percorsoId, fromLink);
    window.history.replaceState(window.history.state, '', `${location.pathname}${location.search}`);
    return fromLink;
  }
  return readPreference(PROJECTOR_KEY + percorsoId) ?? tokenForPercorso(readAccess(), percorsoId);
}

export type PlenaryAccess =
  | { readonly status: 'missing' }
  | { readonly status: 'checking'; readonly token: string }
  | { readonly status: 'denied'; readonly token: string; readonly message: string }
  | { readonly status: 'granted'; readonly token: string; readonly me: MeReply };

/**
 * Who this page is for the server (`GET /api/me`). A projector is left alone on a wall: when
 * the server cannot be reached it trusts the last answer and keeps asking, never giving up.
 */
export function usePlenaryAccess(percorsoId: string): PlenaryAccess {
  const [token] = useState(() => plenaryToken(percorsoId));
  const [access, setAccess] = useState<PlenaryAccess>(() => {
    if (token === null) return { status: 'missing' };
    const cached = cachedMe(token);
    return cached !== null && cached.percorsoId === percorsoId
      ? { status: 'granted', token, me: cached }
      : { status: 'checking', token };
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void attempt;
    if (token === null) return;
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    api.me(token, controller.signal).then(
      (me) => {
        rememberMe(token, me);
        setAccess(
          me.percorsoId === percorsoId
            ? { status: 'granted', token, me }
            : { status: 'denied', token, message: '' },
        );
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.refused) {
          setAccess({ status: 'denied', token, message: error.message });
          return;
        }
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      },
    );
    return () => {
      controller.abort();
      if (retry !== undefined) clearTimeout(retry);
    };
  }, [token, percorsoId, attempt]);

  return access;
}
