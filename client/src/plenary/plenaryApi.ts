import type {
  ConfrontoReply,
  FocusState,
  JoinDisplay,
  PlenaryFocus,
  TimeReply,
  TimerAction,
  TimerState,
} from '@trama/shared';
import { type RequestOptions, request as sharedRequest } from '../auth/api';

/**
 * The plenary's HTTP calls (contract in server/PLENARY.md): focus, timer, the projector's
 * join code, the comparison of the snodi, and the server's clock. Like `auth/api.ts`, every
 * call returns the typed reply or throws an `ApiError` (status 0 when the network failed).
 */

const enc = encodeURIComponent;

/** Plenary state changes by the second: never answered from the browser's cache. */
function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return sharedRequest<T>(path, { ...options, cache: 'no-store' });
}

export const plenaryApi = {
  /** `GET /api/time`: the server's clock, no token. */
  time: (signal?: AbortSignal) => request<TimeReply>('/api/time', { signal }),

  setFocus: (percorsoId: string, token: string, focus: PlenaryFocus) =>
    request<FocusState>(`/api/percorsi/${enc(percorsoId)}/plenary/focus`, {
      method: 'PUT',
      token,
      body: focus,
    }),

  timer: (percorsoId: string, token: string, action: TimerAction) =>
    request<TimerState>(`/api/percorsi/${enc(percorsoId)}/plenary/timer`, {
      method: 'POST',
      token,
      body: action,
    }),

  setJoin: (percorsoId: string, token: string, inviteId: string | null) =>
    request<JoinDisplay>(`/api/percorsi/${enc(percorsoId)}/plenary/join`, {
      method: 'PUT',
      token,
      body: { inviteId },
    }),

  confronto: (percorsoId: string, token: string, signal?: AbortSignal) =>
    request<ConfrontoReply>(`/api/percorsi/${enc(percorsoId)}/confronto`, { token, signal }),
};
