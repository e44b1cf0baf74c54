import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from 'react';

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'aria-invalid' | 'aria-describedby'
>;

/**
 * A labelled input with an optional hint and error under it. The input is described by the
 * hint, and by the error while one is shown (it is then marked invalid too). Every other prop
 * (`className`, `value`, `data-testid`, …) goes to the `<input>`; `fieldClassName` is added to
 * the wrapper's `field`.
 */
export function FormField({
  label,
  hint,
  error,
  fieldClassName,
  ref,
  ...input
}: InputProps & {
  label: ReactNode;
  hint?: ReactNode;
  /** The problem to show, or `null` / `undefined` when there is none (or not yet). */
  error?: ReactNode;
  fieldClassName?: string;
  ref?: Ref<HTMLInputElement>;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = error !== undefined && error !== null;
  const describedBy =
    [hint !== undefined ? hintId : null, invalid ? errorId : null]
      .filter((item) => item !== null)
      .join(' ') || undefined;
  return (
    <div className={fieldClassName === undefined ? 'field' : `field ${fieldClassName}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        {...input}
        ref={ref}
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
      {hint !== undefined ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
