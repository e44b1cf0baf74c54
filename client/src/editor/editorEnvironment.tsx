import { createContext, type ReactNode, useContext } from 'react';

/** What every editor on a board shares: the per-user undo history and "I am editing card X". */
export interface EditorEnvironment {
  readonly undo: () => void;
  readonly redo: () => void;
  /** Tells the others (awareness `editing`) which card this person is writing in. */
  readonly setEditing: (cardId: string | null) => void;
}

const noop = () => {};
const DEFAULT_ENVIRONMENT: EditorEnvironment = { undo: noop, redo: noop, setEditing: noop };

const EditorEnvironmentContext = createContext<EditorEnvironment>(DEFAULT_ENVIRONMENT);

export function EditorEnvironmentProvider({
  value,
  children,
}: {
  value: EditorEnvironment;
  children: ReactNode;
}) {
  return <EditorEnvironmentContext value={value}>{children}</EditorEnvironmentContext>;
}

export function useEditorEnvironment(): EditorEnvironment {
  return useContext(EditorEnvironmentContext);
}
