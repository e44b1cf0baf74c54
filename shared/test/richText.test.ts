import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  isRichTextEmpty,
  plainTextToRichJSON,
  type RichTextJSON,
  richTextSchema,
  richTextToJSON,
  richTextToPlain,
  setRichTextJSON,
  UnsupportedRichTextError,
} from '../src/index.js';

/** What Tiptap writes for a heading, a bold-and-linked paragraph, a list and an image. */
const TIPTAP_LIKE: RichTextJSON = [
  {
    type: 'element',
    name: 'heading',
    attrs: { level: 2 },
    children: [{ type: 'text', delta: [{ insert: 'Cosa osserviamo' }] }],
  },
  {
    type: 'element',
    name: 'paragraph',
    children: [
      {
        type: 'text',
        delta: [
          { insert: 'Le famiglie ' },
          { insert: 'si organizzano', attributes: { bold: {} } },
          { insert: ' con i vicini, ' },
          { insert: 'vedi studio', attributes: { link: { href: 'https://example.org' } } },
        ],
      },
    ],
  },
  {
    type: 'element',
    name: 'bulletList',
    children: [
      {
        type: 'element',
        name: 'listItem',
        children: [
          {
            type: 'element',
            name: 'paragraph',
            children: [{ type: 'text', delta: [{ insert: 'à è ì ò ù — “citazione”' }] }],
          },
        ],
      },
    ],
  },
  { type: 'element', name: 'paragraph', children: [] },
  { type: 'element', name: 'image', attrs: { src: 'data:,', alt: null }, children: [] },
];

function fragmentIn(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment('f');
}

describe('rich text', () => {
  it('[J3] JSON → fragment → JSON is exact, marks and attributes included', () => {
    const doc = new Y.Doc();
    setRichTextJSON(fragmentIn(doc), TIPTAP_LIKE);
    expect(richTextToJSON(fragmentIn(doc))).toEqual(TIPTAP_LIKE);
    expect(richTextSchema.parse(TIPTAP_LIKE)).toEqual(TIPTAP_LIKE);
  });

  it('[J3] survives a sync to another peer', () => {
    const a = new Y.Doc();
    setRichTextJSON(fragmentIn(a), TIPTAP_LIKE);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(richTextToJSON(fragmentIn(b))).toEqual(TIPTAP_LIKE);
  });

  it('[J3] setRichTextJSON replaces the content in one transaction', () => {
    const doc = new Y.Doc();
    setRichTextJSON(fragmentIn(doc), TIPTAP_LIKE);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    setRichTextJSON(fragmentIn(doc), plainTextToRichJSON('uno\n\ndue'));
    expect(transactions).toBe(1);
    expect(richTextToPlain(fragmentIn(doc))).toBe('uno\n\ndue');
  });

  it('[J3] plain text of nested blocks, and emptiness', () => {
    const doc = new Y.Doc();
    const fragment = fragmentIn(doc);
    expect(isRichTextEmpty(fragment)).toBe(true);
    setRichTextJSON(fragment, plainTextToRichJSON('\n\n'));
    expect(isRichTextEmpty(fragment)).toBe(true);
    setRichTextJSON(fragment, TIPTAP_LIKE);
    expect(richTextToPlain(fragment)).toBe(
      'Cosa osserviamo\nLe famiglie si organizzano con i vicini, vedi studio\nà è ì ò ù — “citazione”\n\n',
    );
    expect(isRichTextEmpty(fragment)).toBe(false);
    expect(isRichTextEmpty(undefined)).toBe(true);
  });

  it('[J3] the schema refuses malformed trees', () => {
    expect(
      richTextSchema.safeParse([{ type: 'element', name: '1bad', children: [] }]).success,
    ).toBe(false);
    expect(richTextSchema.safeParse([{ type: 'text', delta: [{ insert: 3 }] }]).success).toBe(
      false,
    );
    expect(richTextSchema.safeParse([{ type: 'element', name: 'p' }]).success).toBe(false);
  });

  it('[J3] a shared type embedded in text has no plain form and says so', () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText();
    fragmentIn(doc).insert(0, [text]);
    text.insertEmbed(0, new Y.Map());
    expect(() => richTextToJSON(fragmentIn(doc))).toThrow(UnsupportedRichTextError);
  });
});
