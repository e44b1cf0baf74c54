import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CollaborationCaret } from './collaborationCaret';

export interface RichTextEditorProps {
  /** The Yjs fragment holding the text; edits go straight into the shared document. */
  readonly fragment: Y.XmlFragment;
  readonly awareness: Awareness;
  /** Id of the element that labels the editor. */
  readonly labelledBy: string;
  readonly describedBy?: string | undefined;
}

/**
 * A collaborative rich-text field: Tiptap bound to a Y.XmlFragment, with the others' carets.
 * Undo/redo come from the Collaboration extension (each person undoes their own edits).
 */
export function RichTextEditor({
  fragment,
  awareness,
  labelledBy,
  describedBy,
}: RichTextEditorProps) {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          heading: { levels: [3, 4] },
          link: { openOnClick: false, autolink: true },
        }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ awareness }),
      ],
      editorProps: {
        attributes: {
          class: 'rich-text__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelledBy,
          ...(describedBy === undefined ? {} : { 'aria-describedby': describedBy }),
          // Chromium's spellcheck calls Google; participants' notes stay on our server.
          spellcheck: 'false',
        },
      },
    },
    [fragment, awareness, labelledBy, describedBy],
  );
  return <EditorContent editor={editor} className="rich-text" />;
}
