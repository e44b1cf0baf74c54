/**
 * Per-device preferences in localStorage (display name, colour, language, recent boards).
 * Storage can be unavailable (private mode, blocked cookies): reads then return null and
 * writes are dropped, and the app keeps working with defaults.
 */
const PREFIX = 'trama.';

export function readPreference(key: string): string | null {
  try {
    return window.localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

export function writePreference(key: string, value: string): void {
  try {
    window.localStorage.setItem(PREFIX + key, value);
  } catch {
    // Storage full or blocked: the preference lives for this page only.
  }
}
