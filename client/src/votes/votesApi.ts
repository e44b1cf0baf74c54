import type {
  BallotReply,
  OpenVotazioneBody,
  VotazioneJSON,
  VoteProgressReply,
} from '@trama/shared';
import { request } from '../auth/api';

/** `/api/boards/:boardId/votazioni/…` (contract: server/PLENARY.md). Errors are `ApiError`s. */
function path(boardId: string, votazioneId?: string, rest = ''): string {
  const base = `/api/boards/${encodeURIComponent(boardId)}/votazioni`;
  return votazioneId === undefined ? base : `${base}/${encodeURIComponent(votazioneId)}${rest}`;
}

export const votesApi = {
  open: (boardId: string, token: string, body: OpenVotazioneBody) =>
    request<VotazioneJSON>(path(boardId), { method: 'POST', token, body }),

  ballot: (boardId: string, votazioneId: string, token: string, signal?: AbortSignal) =>
    request<BallotReply>(path(boardId, votazioneId, '/ballot'), { token, signal }),

  placeDots: (boardId: string, votazioneId: string, token: string, cardId: string, dots: number) =>
    request<BallotReply>(path(boardId, votazioneId, '/ballot'), {
      method: 'PUT',
      token,
      body: { cardId, dots },
    }),

  progress: (boardId: string, votazioneId: string, token: string, signal?: AbortSignal) =>
    request<VoteProgressReply>(path(boardId, votazioneId, '/progress'), { token, signal }),

  reveal: (boardId: string, votazioneId: string, token: string) =>
    request<VotazioneJSON>(path(boardId, votazioneId, '/reveal'), { method: 'POST', token }),

  cancel: (boardId: string, votazioneId: string, token: string) =>
    request<void>(path(boardId, votazioneId, '/cancel'), { method: 'POST', token }),
};
