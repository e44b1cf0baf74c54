import { type ReactNode, useId, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { RichTextEditor } from '../editor/RichTextEditor';

/**
 * A one-field text bound to a shared record (last writer wins). Shows what you type while you
 * type; a value the model refuses (e.g. an empty required title) is kept as a draft and
 * marked invalid instead of being written.
 */
export function RecordText({
  label,
  value,
  onCommit,
  readOnly,
  multiline = false,
  maxLength,
  required = false,
  testId,
  requiredMessage,
}: {
  label: string;
  value: string;
  /** Writes through the model's accessor; throws when the value is not valid. */
  onCommit: (value: string) => void;
  readOnly: boolean;
  multiline?: boolean;
  maxLength: number;
  required?: boolean;
  testId?: string;
  requiredMessage?: string;
}) {
  const id = useId();
  const errorId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const shown = draft !== null && (invalid || draft.trim() === value) ? draft : value;

  function change(text: string) {
    setDraft(text);
    try {
      onCommit(text);
      setInvalid(false);
    } catch {
      setInvalid(true);
    }
  }

  const common = {
    id,
    value: shown,
    readOnly,
    maxLength,
    spellCheck: false,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? errorId : undefined,
    'aria-required': required || undefined,
    'data-testid': testId,
    onBlur: () => {
      if (!invalid) setDraft(null);
    },
  };
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {multiline ? (
        <textarea
          {...common}
          className="form-control textarea"
          rows={3}
          onChange={(event) => change(event.target.value)}
        />
      ) : (
        <input
          {...common}
          className="form-control"
          type="text"
          autoComplete="off"
          onChange={(event) => change(event.target.value)}
        />
      )}
      {invalid && requiredMessage !== undefined ? (
        <p id={errorId} className="field__error">
          {requiredMessage}
        </p>
      ) : null}
    </div>
  );
}

/** A collaborative rich-text field of the percorso board, with its label. */
export function RichField({
  label,
  hint,
  fragment,
  awareness,
  editable,
  field,
}: {
  label: string;
  hint?: ReactNode;
  fragment: Y.XmlFragment;
  awareness: Awareness;
  editable: boolean;
  /** Stable id, for tests: `data-field`. */
  field: string;
}) {
  const labelId = useId();
  const hintId = useId();
  return (
    <div className="field rich-field" data-field={field} data-testid={`percorso-field-${field}`}>
      <span id={labelId} className="field__label">
        {label}
      </span>
      {hint !== undefined ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <RichTextEditor
        fragment={fragment}
        awareness={awareness}
        labelledBy={labelId}
        describedBy={hint !== undefined ? hintId : undefined}
        editable={editable}
      />
    </div>
  );
}
