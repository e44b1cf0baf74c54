import { MessageType, SyncMessageType } from '@trama/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** A client message, decoded just enough to route it. */
export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  /** `relayable`: the message is a plain update, which other clients can be sent as is. */
  | { type: 'update'; update: Uint8Array; relayable: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'auth' };

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

/**
 * Decodes one y-websocket message. Throws MalformedMessageError for anything that is not a
 * well-formed message of the standard protocol; the caller closes that connection only.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        // Step 2 carries the same thing as an update: the state the other side lacks.
        if (syncType === SyncMessageType.step1) return { type: 'syncStep1', stateVector: payload };
        if (syncType === SyncMessageType.step2 || syncType === SyncMessageType.update) {
          // (A step 2 is not relayed as is: a provider takes one as the answer to its own step 1.)
          return {
            type: 'update',
            update: payload,
            // Nor one with bytes after its update, which nobody else should be sent.
            relayable: syncType === SyncMessageType.update && decoder.pos === data.length,
          };
        }
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
      }
      case MessageType.awareness:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MessageType.queryAwareness:
        return { type: 'queryAwareness' };
      case MessageType.auth:
        return { type: 'auth' };
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
  }
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) =>
  encodeSync(SyncMessageType.step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(SyncMessageType.step2, update);
export const encodeUpdate = (update: Uint8Array) => encodeSync(SyncMessageType.update, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
