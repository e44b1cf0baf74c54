import { Extension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { useEffect, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CollaborationCaret } from './collaborationCaret';
import { useEditorEnvironment } from './editorEnvironment';
import { setEditorOrigin } from './editorOrigin';
import { isSafeLinkHref, sanitizePastedHTML } from './safeContent';

// The board's undo history tracks what the editors write from the moment they can exist.
setEditorOrigin(ySyncPluginKey);

export interface RichTextEditorProps {
  /** The Yjs fragment holding the text; edits go straight into the shared document. */
  readonly fragment: Y.XmlFragment;
  readonly awareness: Awareness;
  /** Id of the element that labels the editor. */
  readonly labelledBy: string;
  readonly describedBy?: string | undefined;
  /** False: the text is shown, not editable (read-only access or a locked lane). */
  readonly editable?: boolean;
  /** The card this field belongs to, announced in awareness while the field has focus. */
  readonly cardId?: string | undefined;
}

/**
 * Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (and Ctrl+Y) go to the board's per-user undo manager, so
 * undo in a field and undo on the canvas are one history. Runs before Collaboration's own
 * per-field shortcuts (higher priority).
 */
const BoardUndoKeys = Extension.create<{ undo: () => void; redo: () => void }>({
  name: 'boardUndoKeys',
  priority: 1000,
  addOptions() {
    return { undo: () => {}, redo: () => {} };
  },
  addKeyboardShortcuts() {
    const run = (action: () => void) => () => {
      action();
      return true;
    };
    return {
      'Mod-z': run(this.options.undo),
      'Shift-Mod-z': run(this.options.redo),
      'Mod-y': run(this.options.redo),
    };
  },
});

/**
 * A collaborative rich-text field: Tiptap bound to a Y.XmlFragment, with the others' carets.
 * Lists, bold/italic and links (http, https, mailto only); pasted HTML is cleaned first.
 */
export function RichTextEditor({
  fragment,
  awareness,
  labelledBy,
  describedBy,
  editable = true,
  cardId,
}: RichTextEditorProps) {
  // Read through a ref: the editor is built once per field, whatever the page re-renders.
  const currentEnvironment = useEditorEnvironment();
  const environment = useRef(currentEnvironment);
  environment.current = currentEnvironment;
  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          heading: { levels: [4] },
          codeBlock: false,
          horizontalRule: false,
          link: {
            openOnClick: false,
            autolink: true,
            protocols: ['http', 'https', 'mailto'],
            isAllowedUri: (url) => isSafeLinkHref(url),
            shouldAutoLink: (url) => isSafeLinkHref(url) || /^www\./i.test(url),
            HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
          },
        }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ awareness }),
        BoardUndoKeys.configure({
          undo: () => environment.current.undo(),
          redo: () => environment.current.redo(),
        }),
      ],
      editorProps: {
        attributes: {
          class: 'rich-text__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelledBy,
          ...(describedBy === undefined ? {} : { 'aria-describedby': describedBy }),
          ...(editable ? {} : { 'aria-readonly': 'true' }),
          // Chromium's spellcheck calls Google; participants' notes stay on our server.
          spellcheck: 'false',
        },
        transformPastedHTML: sanitizePastedHTML,
      },
      onFocus: () => {
        if (cardId !== undefined) environment.current.setEditing(cardId);
      },
      onBlur: () => {
        if (cardId !== undefined) environment.current.setEditing(null);
      },
    },
    [fragment, awareness, labelledBy, describedBy, editable],
  );
  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);
  // nodrag/nopan/nowheel: inside a canvas node, dragging selects text, the wheel scrolls.
  return <EditorContent editor={editor} className="rich-text nodrag nopan nowheel" />;
}
