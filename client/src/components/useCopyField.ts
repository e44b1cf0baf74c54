import { type RefObject, useId, useRef } from 'react';
import { useAnnounce } from './Announcer';

/**
 * A read-only field's copy-to-clipboard action: copies `value` and announces `copied`; when
 * copying fails (not a secure context, permission denied) it selects the field so Ctrl+C works
 * and announces `copyFailed`.
 */
export function useCopyField(
  value: string,
  messages: { copied: string; copyFailed: string },
): { inputId: string; input: RefObject<HTMLInputElement | null>; copy: () => Promise<void> } {
  const announce = useAnnounce();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(value);
      announce(messages.copied);
    } catch {
      input.current?.focus();
      input.current?.select();
      announce(messages.copyFailed);
    }
  }

  return { inputId, input, copy };
}
