import type {
  CreateInviteBody,
  CreatePercorsoBody,
  CreatePercorsoReply,
  CreateSnodoBody,
  CreateSnodoReply,
  CreateTavoloReply,
  InviteView,
  JoinBody,
  JoinReply,
  MeReply,
  PercorsoSettingsBody,
  PercorsoView,
  ResolveCodeReply,
} from '@trama/shared';

/**
 * The HTTP API client (`/api/...`, contract in `@trama/shared`'s `api.ts`). Every call
 * either returns the typed reply or throws an `ApiError`; a network failure is an
 * `ApiError` with status 0.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's machine-readable reason (e.g. `overBudget`), when it sent one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The token was refused (missing, tampered, expired, revoked or out of scope). */
  get refused(): boolean {
    return this.status === 401 || this.status === 403;
  }

  get offline(): boolean {
    return this.status === 0;
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly token?: string | null | undefined;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal | undefined;
  /** `fetch`'s cache mode; the browser's default when absent. */
  readonly cache?: RequestCache;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      ...(options.cache === undefined ? {} : { cache: options.cache }),
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
    const code =
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { code?: unknown }).code === 'string'
        ? (parsed as { code: string }).code
        : undefined;
    throw new ApiError(response.status, message, code);
  }
  return parsed as T;
}

export const api = {
  me: (token: string, signal?: AbortSignal) => request<MeReply>('/api/me', { token, signal }),

  createTavolo: (title: string) =>
    request<CreateTavoloReply>('/api/tavoli', { method: 'POST', body: { title } }),

  createPercorso: (body: CreatePercorsoBody, creationKey?: string) =>
    request<CreatePercorsoReply>('/api/percorsi', {
      method: 'POST',
      body,
      headers: creationKey ? { 'x-trama-creation-key': creationKey } : {},
    }),

  percorso: (percorsoId: string, token: string, signal?: AbortSignal) =>
    request<PercorsoView>(`/api/percorsi/${encodeURIComponent(percorsoId)}`, { token, signal }),

  updateSettings: (percorsoId: string, token: string, body: PercorsoSettingsBody) =>
    request<void>(`/api/percorsi/${encodeURIComponent(percorsoId)}/settings`, {
      method: 'PUT',
      token,
      body,
    }),

  createSnodo: (percorsoId: string, token: string, body: CreateSnodoBody) =>
    request<CreateSnodoReply>(`/api/percorsi/${encodeURIComponent(percorsoId)}/snodi`, {
      method: 'POST',
      token,
      body,
    }),

  createInvite: (percorsoId: string, token: string, body: CreateInviteBody) =>
    request<InviteView>(`/api/percorsi/${encodeURIComponent(percorsoId)}/invites`, {
      method: 'POST',
      token,
      body,
    }),

  invites: (percorsoId: string, token: string, signal?: AbortSignal) =>
    request<{ invites: InviteView[] }>(`/api/percorsi/${encodeURIComponent(percorsoId)}/invites`, {
      token,
      signal,
    }),

  revokeInvite: (inviteId: string, token: string) =>
    request<void>(`/api/invites/${encodeURIComponent(inviteId)}`, { method: 'DELETE', token }),

  resolveCode: (code: string, signal?: AbortSignal) =>
    request<ResolveCodeReply>(`/api/join/${encodeURIComponent(code)}`, { signal }),

  join: (token: string, body: JoinBody) =>
    request<JoinReply>('/api/join', { method: 'POST', token, body }),

  lockLanes: (boardId: string, token: string, lanes: readonly string[]) =>
    request<void>(`/api/boards/${encodeURIComponent(boardId)}/locks`, {
      method: 'PUT',
      token,
      body: { lanes },
    }),
};
