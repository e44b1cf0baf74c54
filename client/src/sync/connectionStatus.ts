/**
 * What the connection indicator shows, derived from plain facts about the provider so the rule
 * is easy to read and to change:
 * - `connecting`: never synced yet and still trying;
 * - `connected`: the socket is open and the document is in sync with the server;
 * - `reconnecting`: was (or is trying to get) in sync, lost it, retrying;
 * - `offline`: the browser says it is offline, or several attempts in a row failed;
 * - `rejected`: the server refused the board for good (a 44xx close code).
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'rejected';

export interface ConnectionFacts {
  /** `navigator.onLine`. */
  readonly online: boolean;
  /** The socket is open. */
  readonly socketOpen: boolean;
  /** The document finished its sync handshake on the current socket. */
  readonly synced: boolean;
  /** The document has synced at least once since the page opened. */
  readonly everSynced: boolean;
  /** Socket closes since the last successful sync. */
  readonly failures: number;
  /** The server closed with a permanent refusal. */
  readonly rejected: boolean;
}

/** After this many failed attempts in a row the indicator says "offline" rather than "reconnecting". */
export const OFFLINE_AFTER_FAILURES = 3;

export function deriveStatus(facts: ConnectionFacts): ConnectionStatus {
  if (facts.rejected) return 'rejected';
  if (!facts.online) return 'offline';
  if (facts.socketOpen && facts.synced) return 'connected';
  if (facts.failures >= OFFLINE_AFTER_FAILURES) return 'offline';
  return facts.everSynced ? 'reconnecting' : 'connecting';
}
