import { Extension } from '@tiptap/core';
import { yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';

export interface CollaborationCaretOptions {
  /** The board's awareness; every editor on the board shares it and its `cursor` field. */
  awareness: Awareness | null;
}

interface CaretUser {
  name?: unknown;
  color?: unknown;
}

const FALLBACK_COLOR = '#5c6f82';

function caretColor(user: CaretUser): string {
  return typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color)
    ? user.color
    : FALLBACK_COLOR;
}

/**
 * Another participant's caret: a coloured bar with their name above it. Hidden from screen
 * readers (it sits inside the text they are reading; the presence list names who is here).
 */
function buildCaret(user: CaretUser): HTMLElement {
  const color = caretColor(user);
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collab-caret__label';
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  // Word joiners keep the caret from breaking a line on its own.
  caret.append(document.createTextNode('\u2060'), label, document.createTextNode('\u2060'));
  return caret;
}

function buildSelection(user: CaretUser): { style: string; class: string } {
  return { style: `background-color: ${caretColor(user)}33`, class: 'collab-selection' };
}

/**
 * Shows the carets and selections of the others, with their names, from the awareness
 * `user: { name, color }` state. A thin wrapper around y-tiptap's cursor plugin (the published
 * `@tiptap/extension-collaboration-caret` lags behind the Tiptap version we use).
 */
export const CollaborationCaret = Extension.create<CollaborationCaretOptions>({
  name: 'collaborationCaret',

  addOptions() {
    return { awareness: null };
  },

  addProseMirrorPlugins() {
    const { awareness } = this.options;
    if (awareness === null) return [];
    return [
      yCursorPlugin(awareness, { cursorBuilder: buildCaret, selectionBuilder: buildSelection }),
    ];
  },
});
