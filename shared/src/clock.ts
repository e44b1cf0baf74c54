/**
 * [PL5] The server's clock as seen from a client. A client asks `GET /api/time` and notes its
 * own clock before (`sentAt`) and after (`receivedAt`); assuming the reply was stamped halfway,
 * the server was `serverNow - (sentAt + receivedAt) / 2` ahead. Of several samples the one
 * with the shortest round trip has the smallest possible error (half its round trip), so it
 * wins. Client clocks that are minutes off still show the same time left on a timer.
 */
export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  serverNow: number;
}

export interface ClockOffset {
  /** Add to the local clock to get the server's. */
  offsetMs: number;
  /** Half the best round trip: the offset is right to within this. */
  errorMs: number;
}

/** `GET /api/time` reply. */
export interface TimeReply {
  now: number;
}

export function estimateClockOffset(samples: readonly ClockSample[]): ClockOffset | null {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    const roundTrip = sample.receivedAt - sample.sentAt;
    if (roundTrip < 0 || !Number.isFinite(roundTrip)) continue;
    if (best === null || roundTrip < best.receivedAt - best.sentAt) best = sample;
  }
  if (best === null) return null;
  return {
    offsetMs: Math.round(best.serverNow - (best.sentAt + best.receivedAt) / 2),
    errorMs: (best.receivedAt - best.sentAt) / 2,
  };
}
