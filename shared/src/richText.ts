import * as Y from 'yjs';
import { z } from 'zod';

/**
 * Rich text is a Y.XmlFragment per field, the layout Tiptap's Collaboration extension
 * (y-prosemirror) reads and writes: block nodes are Y.XmlElements named after the
 * ProseMirror node (`paragraph`, `bulletList`…), text is Y.XmlText whose formatting
 * attributes are the marks. Its plain form is the node tree with text as Yjs deltas, which
 * round-trips every fragment Tiptap produces.
 */

export type JsonObject = { [key: string]: unknown };

export interface RichTextRun {
  /** A string, or an embed object. */
  insert: string | JsonObject;
  attributes?: JsonObject;
}

export type RichNode =
  | { type: 'text'; delta: RichTextRun[] }
  | { type: 'element'; name: string; attrs?: JsonObject; children: RichNode[] };

export type RichTextJSON = RichNode[];

const jsonObjectSchema = z.record(z.string(), z.unknown());

const richTextRunSchema = z.object({
  insert: z.union([z.string(), jsonObjectSchema]),
  attributes: jsonObjectSchema.optional(),
});

/** ProseMirror node names and XML names both fit this. */
const NODE_NAME = /^[A-Za-z_][\w.-]*$/;

export const richNodeSchema: z.ZodType<RichNode> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('text'), delta: z.array(richTextRunSchema) }),
    z.object({
      type: z.literal('element'),
      name: z.string().regex(NODE_NAME),
      attrs: jsonObjectSchema.optional(),
      children: z.array(richNodeSchema),
    }),
  ]),
);

export const richTextSchema = z.array(richNodeSchema);

export class UnsupportedRichTextError extends Error {
  constructor(what: string) {
    super(`rich text holds ${what}, which has no plain form`);
    this.name = 'UnsupportedRichTextError';
  }
}

function isEmbedObject(value: unknown): value is JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Y.AbstractType)
  );
}

function nodeToJSON(node: unknown): RichNode {
  if (node instanceof Y.XmlText) {
    const delta = node.toDelta() as Array<{ insert: unknown; attributes?: JsonObject }>;
    return {
      type: 'text',
      delta: delta.map((op) => {
        const insert = op.insert;
        if (typeof insert !== 'string' && !isEmbedObject(insert)) {
          throw new UnsupportedRichTextError('a shared type embedded in text');
        }
        const run: RichTextRun = { insert };
        if (op.attributes !== undefined && Object.keys(op.attributes).length > 0) {
          run.attributes = { ...op.attributes };
        }
        return run;
      }),
    };
  }
  if (node instanceof Y.XmlElement) {
    const attrs = node.getAttributes() as JsonObject;
    const element: RichNode = {
      type: 'element',
      name: node.nodeName,
      children: node.toArray().map(nodeToJSON),
    };
    if (Object.keys(attrs).length > 0) element.attrs = { ...attrs };
    return element;
  }
  throw new UnsupportedRichTextError('an XmlHook or unknown node');
}

/** [J3] The plain form of a fragment: its node tree, text as deltas with marks. */
export function richTextToJSON(fragment: Y.XmlFragment): RichTextJSON {
  return fragment.toArray().map(nodeToJSON);
}

function nodeFromJSON(node: RichNode): Y.XmlElement | Y.XmlText {
  if (node.type === 'text') {
    const text = new Y.XmlText();
    // A preliminary Y.Text queues the delta and applies it once integrated.
    text.applyDelta(node.delta);
    return text;
  }
  const element = new Y.XmlElement(node.name);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    // Yjs stores any JSON value as an attribute; its typings default to strings.
    element.setAttribute(key, value as string);
  }
  element.insert(0, node.children.map(nodeFromJSON));
  return element;
}

/** Replaces the fragment's content with `json`, in one transaction when the fragment is in a doc. */
export function setRichTextJSON(fragment: Y.XmlFragment, json: RichTextJSON): void {
  const write = () => {
    if (fragment.length > 0) fragment.delete(0, fragment.length);
    fragment.insert(0, json.map(nodeFromJSON));
  };
  if (fragment.doc) fragment.doc.transact(write);
  else write();
}

/** Paragraphs, one per line: how plain text becomes Tiptap content. */
export function plainTextToRichJSON(text: string): RichTextJSON {
  if (text === '') return [];
  return text.split('\n').map((line) => ({
    type: 'element',
    name: 'paragraph',
    children: line === '' ? [] : [{ type: 'text', delta: [{ insert: line }] }],
  }));
}

function nodeText(node: unknown): string {
  if (node instanceof Y.XmlText) return textOf(node);
  if (node instanceof Y.XmlElement) {
    const children = node.toArray();
    const separator = children.some((child) => child instanceof Y.XmlElement) ? '\n' : '';
    return children.map(nodeText).join(separator);
  }
  return '';
}

function textOf(text: Y.XmlText): string {
  const delta = text.toDelta() as Array<{ insert: unknown }>;
  return delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** The text of a fragment without markup, blocks separated by newlines. */
export function richTextToPlain(fragment: Y.XmlFragment): string {
  return fragment.toArray().map(nodeText).join('\n');
}

/** True when the fragment holds no visible text (empty paragraphs count as empty). */
export function isRichTextEmpty(fragment: Y.XmlFragment | undefined): boolean {
  return fragment === undefined || richTextToPlain(fragment).trim() === '';
}
