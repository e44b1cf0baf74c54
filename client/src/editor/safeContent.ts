/**
 * What rich text may carry: links only to the web (http, https) and to mail (mailto), and
 * pasted HTML reduced to what the editor's schema can hold anyway, minus anything that could
 * run code or restyle the board.
 */

const ALLOWED_LINK = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/** True for `http(s)://…` and `mailto:…` addresses; everything else (javascript:, data:, relative paths) is refused. */
export function isSafeLinkHref(href: string): boolean {
  return ALLOWED_LINK.test(href.trim());
}

const DROPPED_ELEMENTS = 'script,style,link,meta,iframe,object,embed,svg,math,template,form,img';

/**
 * Pasted HTML, cleaned before the editor parses it: elements that could run or load things are
 * removed with their content, every `style`, `class`, `id` and event attribute is dropped, and
 * links to anything but http(s)/mailto lose their address. The schema then keeps only
 * paragraphs, lists, headings, bold/italic/strike/code and links.
 */
export function sanitizePastedHTML(html: string): string {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const element of parsed.body.querySelectorAll(DROPPED_ELEMENTS)) element.remove();
  for (const element of parsed.body.querySelectorAll('*')) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const keep = name === 'href' ? isSafeLinkHref(attribute.value) : name === 'colspan';
      if (!keep) element.removeAttribute(attribute.name);
    }
  }
  return parsed.body.innerHTML;
}
