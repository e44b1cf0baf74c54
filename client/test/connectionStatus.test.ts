import { describe, expect, test } from 'vitest';
import {
  type ConnectionFacts,
  deriveStatus,
  OFFLINE_AFTER_FAILURES,
} from '../src/sync/connectionStatus';

const base: ConnectionFacts = {
  online: true,
  socketOpen: false,
  synced: false,
  everSynced: false,
  failures: 0,
  rejected: false,
};

describe('deriveStatus', () => {
  test('connecting until the first sync', () => {
    expect(deriveStatus(base)).toBe('connecting');
    expect(deriveStatus({ ...base, socketOpen: true })).toBe('connecting');
  });

  test('connected only when the socket is open and the document in sync', () => {
    expect(deriveStatus({ ...base, socketOpen: true, synced: true, everSynced: true })).toBe(
      'connected',
    );
  });

  test('reconnecting after losing a connection that had synced', () => {
    expect(deriveStatus({ ...base, everSynced: true, failures: 1 })).toBe('reconnecting');
  });

  test('offline after repeated failures, or whenever the browser is offline', () => {
    expect(deriveStatus({ ...base, everSynced: true, failures: OFFLINE_AFTER_FAILURES })).toBe(
      'offline',
    );
    expect(deriveStatus({ ...base, failures: OFFLINE_AFTER_FAILURES })).toBe('offline');
    expect(deriveStatus({ ...base, online: false, socketOpen: true, synced: true })).toBe(
      'offline',
    );
  });

  test('a refusal wins over everything', () => {
    expect(deriveStatus({ ...base, rejected: true, socketOpen: true, synced: true })).toBe(
      'rejected',
    );
  });
});
