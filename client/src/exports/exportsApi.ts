import type {
  BoardExportFormat,
  ExportLang,
  RestoreReply,
  SessionReply,
  SnapshotDiff,
  SnapshotView,
  SnodoBoardJSON,
} from '@trama/shared';

/**
 * The outputs' HTTP calls (routes in server/SPEC.md [EX…]): documents are fetched with the
 * bearer token and handed to the browser as a download; the rest is JSON.
 */

export class ExportError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

async function call(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
    });
  } catch {
    throw new ExportError(0, 'offline');
  }
  if (!response.ok) {
    let message = response.statusText;
    try {
      message = ((await response.json()) as { message?: string }).message ?? message;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new ExportError(response.status, message);
  }
  return response;
}

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function download(path: string, token: string, fallback: string): Promise<string> {
  const response = await call(path, token);
  const name = fileNameOf(response, fallback);
  saveBlob(await response.blob(), name);
  return name;
}

const enc = encodeURIComponent;

export const exportsApi = {
  boardExport(boardId: string, format: BoardExportFormat, lang: ExportLang, token: string) {
    return download(
      `/api/boards/${enc(boardId)}/export.${format}?lang=${lang}`,
      token,
      `tavolo.${format}`,
    );
  },
  verbale(boardId: string, format: 'md' | 'docx' | 'pdf', lang: ExportLang, token: string) {
    return download(
      `/api/boards/${enc(boardId)}/verbale.${format}?lang=${lang}`,
      token,
      `verbale.${format}`,
    );
  },
  sintesi(percorsoId: string, format: 'docx' | 'pdf', lang: ExportLang, token: string) {
    return download(
      `/api/percorsi/${enc(percorsoId)}/sintesi.${format}?lang=${lang}`,
      token,
      `sintesi.${format}`,
    );
  },
  async snapshots(boardId: string, token: string): Promise<SnapshotView[]> {
    return (await call(`/api/boards/${enc(boardId)}/snapshots`, token)).json();
  },
  async takeSnapshot(boardId: string, name: string, token: string): Promise<SnapshotView> {
    const body = JSON.stringify({ name });
    return (
      await call(`/api/boards/${enc(boardId)}/snapshots`, token, { method: 'POST', body })
    ).json();
  },
  async snapshot(
    boardId: string,
    id: string,
    token: string,
  ): Promise<{ snapshot: SnapshotView; board: SnodoBoardJSON }> {
    return (await call(`/api/boards/${enc(boardId)}/snapshots/${enc(id)}`, token)).json();
  },
  async diff(boardId: string, id: string, token: string): Promise<SnapshotDiff> {
    return (await call(`/api/boards/${enc(boardId)}/snapshots/${enc(id)}/diff`, token)).json();
  },
  async restore(boardId: string, id: string, token: string): Promise<RestoreReply> {
    return (
      await call(`/api/boards/${enc(boardId)}/snapshots/${enc(id)}/restore`, token, {
        method: 'POST',
        body: '{}',
      })
    ).json();
  },
  async openSession(boardId: string, token: string): Promise<SessionReply> {
    return (
      await call(`/api/boards/${enc(boardId)}/sessions/open`, token, { method: 'POST', body: '{}' })
    ).json();
  },
  async closeSession(boardId: string, token: string): Promise<SessionReply> {
    return (
      await call(`/api/boards/${enc(boardId)}/sessions/close`, token, {
        method: 'POST',
        body: '{}',
      })
    ).json();
  },
};
