/**
 * The wire protocol between boards' clients and the sync server: types and constants only.
 *
 * Trama speaks the standard y-websocket protocol (y-protocols sync + awareness), so that an
 * unmodified `WebsocketProvider` works against the server. A message is a varuint message
 * type followed by its payload; the board is named by the URL (`/sync/<boardId>`), never
 * inside messages.
 */

/** Bumped when the server starts to rely on something the stock protocol does not carry. */
export const PROTOCOL_VERSION = 1;

/** Top-level message types of the y-websocket protocol. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a `sync` message (y-protocols/sync). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/**
 * WebSocket close codes the server uses, with the reason sent alongside.
 * 1xxx codes are the standard ones (RFC 6455); 4xxx are Trama's own.
 */
export const CloseCode = {
  /** The server is shutting down; clients reconnect later. */
  goingAway: 1001,
  /** A message could not be decoded as the y-websocket protocol. */
  malformed: 1007,
  /** A message exceeded the configured maximum size. */
  tooLarge: 1009,
  /** The client reads too slowly: too much is queued for it. It may reconnect. */
  tryAgainLater: 1013,
  /** The server hit an unexpected error on this connection. */
  internalError: 1011,
  /** The board id in the URL is not valid. */
  badBoardId: 4400,
  /** No token, or a token that is tampered with or expired: ask the user to join again. */
  unauthorized: 4401,
  /** A valid token that does not open this board, or was revoked. */
  forbidden: 4403,
  /** A read-only connection sent an edit; nothing of it was applied. */
  readOnly: 4405,
  /** The board could not be loaded from storage. */
  loadFailed: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const CloseReason: Record<CloseCode, string> = {
  [CloseCode.goingAway]: 'server shutting down',
  [CloseCode.malformed]: 'malformed message',
  [CloseCode.tooLarge]: 'message too large',
  [CloseCode.internalError]: 'internal error',
  [CloseCode.tryAgainLater]: 'client too slow, reconnect later',
  [CloseCode.badBoardId]: 'invalid board id',
  [CloseCode.unauthorized]: 'missing, invalid or expired access token',
  [CloseCode.forbidden]: 'this access token does not open this board',
  [CloseCode.readOnly]: 'read-only access: edits are not accepted',
  [CloseCode.loadFailed]: 'board could not be loaded',
};

/** Board ids: URL-safe, 1–64 characters of letters, digits, `-` and `_`. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidBoardId(id: string): boolean {
  return BOARD_ID_PATTERN.test(id);
}

/** The default maximum size of one incoming message: 2 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
