import { cleanLabel, MAX_TITLE_LENGTH } from '@trama/shared';
import { type InputHTMLAttributes, type Ref, useRef, useState } from 'react';

export interface LabelInputProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  /** The stored value (trimmed by the model). */
  readonly value: string;
  /** Writes through the model's accessor; called on every keystroke. */
  readonly onCommit: (value: string) => void;
  readonly ref?: Ref<HTMLInputElement>;
}

/**
 * A one-line label bound to a shared, trimmed, last-writer-wins value (card and board titles).
 * While someone types, their own text is shown as typed (the model trims "Casa " to "Casa",
 * which would otherwise swallow the space); as soon as someone else changes the value, theirs
 * is shown.
 */
export function LabelInput({ value, onCommit, onBlur, ref, ...rest }: LabelInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  // While typing, the value shown back may lag a few keystrokes (the canvas re-reads the board
  // once per frame): any value this input wrote itself, or the one it started from, keeps the
  // draft on screen; a value written by someone else replaces it.
  const own = useRef(new Set<string>());
  const shown = draft !== null && own.current.has(value) ? draft : value;
  return (
    <input
      {...rest}
      ref={ref}
      type="text"
      value={shown}
      maxLength={MAX_TITLE_LENGTH}
      spellCheck={false}
      autoComplete="off"
      onChange={(event) => {
        if (draft === null) own.current = new Set([value]);
        own.current.add(cleanLabel(event.target.value));
        setDraft(event.target.value);
        onCommit(event.target.value);
      }}
      onBlur={(event) => {
        setDraft(null);
        onBlur?.(event);
      }}
    />
  );
}
