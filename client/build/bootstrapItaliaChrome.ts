/**
 * Bootstrap Italia for Trama's chrome only.
 *
 * `bootstrap-italia.min.css` is 600 kB (90 kB gzipped) and starts with a global reset (`body`,
 * `h1`…`h6`, `p`, `button`, `label`, focus rules on `*`) that would restyle the canvas
 * (@xyflow/react) and the Tiptap editors, and with classes that clash with ours (`.card`,
 * `.section`, `.avatar`, `.lead`…). This PostCSS plugin, run by Vite on that one file, keeps:
 *
 * - the design tokens: custom properties declared on `:root`;
 * - rules whose selectors use only the component classes listed in `CHROME_CLASSES` (buttons,
 *   form controls, alerts, badges, cards, the header), with at least one class: element-only
 *   selectors (the reset) are dropped, and so is every other component.
 *
 * It also compiles our older `.button` classes, still used by the canvas, the outline and the
 * exports menu, as aliases of Bootstrap Italia's buttons (`ALIASES`), so every button looks
 * the same without touching those files.
 */
import type { CSSOptions } from 'vite';

type PostcssOptions = Exclude<CSSOptions['postcss'], string | undefined>;
type AcceptedPlugin = NonNullable<PostcssOptions['plugins']>[number];
type PostcssPlugin = Exclude<
  Extract<AcceptedPlugin, { postcssPlugin: string }>,
  (...args: never[]) => unknown
>;
type Root = Parameters<NonNullable<PostcssPlugin['Once']>>[0];

/** The Bootstrap Italia classes the chrome uses (whole names, as regular expressions). */
const CHROME_CLASSES: readonly RegExp[] = [
  // header: slim header (owner, language) and centre header (brand)
  /^it-header-(wrapper|slim-wrapper|slim-wrapper-content|slim-right-zone|center-wrapper|center-content-wrapper)$/,
  /^it-(brand-wrapper|brand-text|brand-title|brand-tagline|right-zone|small-header)$/,
  // buttons
  /^btn(-(primary|outline-primary|danger|link|xs))?$/,
  // form controls
  /^form-(control|select|label|text)$/,
  /^(is-invalid|invalid-feedback)$/,
  // alerts, badges, cards
  /^alert(-(info|success|warning|danger|heading))?$/,
  /^badge$/,
  /^(bg|text-bg)-(primary|secondary|success|danger|warning)$/,
  /^it-card(-(title|body|text|height-full))?$/,
  /^(border|rounded|shadow-sm)$/,
];

/** Our own class → the Bootstrap Italia class whose rules it shares. */
const ALIASES: Readonly<Record<string, string>> = {
  btn: 'button',
  'btn-primary': 'button--primary',
  'btn-outline-primary': 'button--secondary',
  'btn-danger': 'button--danger',
  'btn-xs': 'button--small',
};

const SOURCE = /bootstrap-italia[\\/]dist[\\/]css[\\/]bootstrap-italia(\.min)?\.css$/;
const CLASS = /\.((?:\\.|[\w-])+)/g;

const NEGATION = /:(not|has)\((?:[^()]|\([^()]*\))*\)/g;

function classesOf(selector: string): string[] {
  // attribute values may contain dots ([href$=".pdf"]); they name no class, and neither do
  // :not() and :has() (`[data-focus-mouse]:not(.btn)` is a rule on every element)
  const bare = selector.replace(/\[[^\]]*\]/g, '[]').replace(NEGATION, '');
  return [...bare.matchAll(CLASS)].map((match) => (match[1] ?? '').replace(/\\/g, ''));
}

function isChromeClass(name: string): boolean {
  return CHROME_CLASSES.some((pattern) => pattern.test(name));
}

/** Keeps a selector when it names classes, all of them the chrome's. */
export function keepsSelector(selector: string): boolean {
  const classes = classesOf(selector);
  return classes.length > 0 && classes.every(isChromeClass);
}

/** The same selector with our alias classes in place of Bootstrap Italia's, if any. */
export function aliasOf(selector: string): string | null {
  let changed = false;
  const aliased = selector.replace(CLASS, (whole, name: string) => {
    const alias = ALIASES[name];
    if (alias === undefined) return whole;
    changed = true;
    return `.${alias}`;
  });
  return changed ? aliased : null;
}

function isRootSelector(selector: string): boolean {
  return /^:root$|^\[data-bs-theme=["']?light["']?\]$/.test(selector.trim());
}

function subset(root: Root): void {
  root.walkAtRules((atRule) => {
    if (atRule.name === 'font-face' || atRule.name === 'charset') atRule.remove();
  });
  root.walkRules((rule) => {
    const parent = rule.parent;
    if (parent?.type === 'atrule' && /keyframes$/.test((parent as { name?: string }).name ?? ''))
      return;
    if (rule.selectors.some(isRootSelector)) {
      // design tokens only: no `:root { font-size; scroll-behavior }`
      rule.selector = ':root';
      rule.each((node) => {
        if (node.type !== 'decl' || !node.prop.startsWith('--')) node.remove();
      });
      if (rule.nodes.length === 0) rule.remove();
      return;
    }
    const kept = rule.selectors.filter(keepsSelector);
    if (kept.length === 0) {
      rule.remove();
      return;
    }
    const aliases = kept.map(aliasOf).filter((alias): alias is string => alias !== null);
    rule.selectors = [...kept, ...aliases];
  });
  // animations still referenced by a kept rule; the rest go
  const used = new Set<string>();
  root.walkDecls(/^(-webkit-)?animation(-name)?$/, (decl) => {
    for (const word of decl.value.split(/[\s,]+/)) used.add(word);
  });
  root.walkAtRules(/keyframes$/, (atRule) => {
    if (!used.has(atRule.params.trim())) atRule.remove();
  });
  // media queries and supports blocks left empty
  let removed = true;
  while (removed) {
    removed = false;
    root.walkAtRules((atRule) => {
      if (atRule.nodes !== undefined && atRule.nodes.length === 0) {
        atRule.remove();
        removed = true;
      }
    });
  }
}

/** The PostCSS plugin, for Vite's `css.postcss.plugins`. */
export function bootstrapItaliaChrome(): PostcssPlugin {
  return {
    postcssPlugin: 'trama-bootstrap-italia-chrome',
    Once(root) {
      const file = root.source?.input.file ?? '';
      if (SOURCE.test(file)) subset(root);
    },
  };
}
