import type {
  ConfrontoReply,
  FocusState,
  JoinDisplay,
  PlenaryFocus,
  TimeReply,
  TimerAction,
  TimerState,
} from '@trama/shared';
import { ApiError } from '../auth/api';

/**
 * The plenary's HTTP calls (contract in server/PLENARY.md): focus, timer, the projector's
 * join code, the comparison of the snodi, and the server's clock. Like `auth/api.ts`, every
 * call returns the typed reply or throws an `ApiError` (status 0 when the network failed).
 */

const enc = encodeURIComponent;

async function request<T>(
  path: string,
  options: {
    method?: 'GET' | 'POST' | 'PUT';
    token?: string | null;
    body?: unknown;
    signal?: AbortSignal | undefined;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const message =
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { message?: unknown }).message === 'string'
        ? (parsed as { message: string }).message
        : response.statusText;
    throw new ApiError(response.status, message);
  }
  return parsed as T;
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

  lockLanes: (boardId: string, token: string, lanes: readonly string[]) =>
    request<void>(`/api/boards/${enc(boardId)}/locks`, {
      method: 'PUT',
      token,
      body: { lanes },
    }),
};
