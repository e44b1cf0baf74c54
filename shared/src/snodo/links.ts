import type * as Y from 'yjs';
import {
  CardKey,
  type CardKind,
  cardKindOf,
  cardsMap,
  getCardMap,
  readYMap,
  requireCard,
} from './card.js';
import { LINEA_LINKS } from './lineaStrategica.js';
import { OBIETTIVO_LINKS } from './obiettivo.js';

/**
 * Links trace the method's chain: an obiettivo answers esigenze, a linea strategica develops
 * obiettivi. A link is stored in its source card, as a key of a nested Y.Map (target id →
 * time linked), so deleting the source deletes its links with it and two peers linking the
 * same pair write the same key.
 *
 * The dangling-link rule ([L3]): deleting a card removes, in the same transaction, every link
 * that points to it. A link created concurrently with the deletion of its target survives in
 * the document, but readers never show it — they filter links whose target is not a live
 * card of the right kind — and `pruneDanglingLinks` (run by the server on load) removes it.
 * Card ids are never reused, so a filtered link can never come back to life.
 */

export interface LinkRule {
  from: CardKind;
  to: CardKind;
  /** The key of the nested map in the source card. */
  key: string;
}

export const LINK_RULES: readonly LinkRule[] = [
  { from: 'obiettivo', to: 'esigenza', key: OBIETTIVO_LINKS },
  { from: 'lineaStrategica', to: 'obiettivo', key: LINEA_LINKS },
];

export function linkRuleFrom(kind: CardKind): LinkRule | undefined {
  return LINK_RULES.find((rule) => rule.from === kind);
}

export function linkRuleTo(kind: CardKind): LinkRule | undefined {
  return LINK_RULES.find((rule) => rule.to === kind);
}

export class InvalidLinkError extends Error {
  constructor(
    readonly fromKind: CardKind | undefined,
    readonly toKind: CardKind | undefined,
  ) {
    super(`a ${fromKind ?? 'missing card'} cannot link to a ${toKind ?? 'missing card'}`);
    this.name = 'InvalidLinkError';
  }
}

function linkMapOf(card: Y.Map<unknown>, rule: LinkRule): Y.Map<number> {
  const links = readYMap<number>(card, rule.key);
  if (links === undefined) throw new Error(`card has no ${rule.key} links`);
  return links;
}

/** [L1] Only obiettivo → esigenza and lineaStrategica → obiettivo; both cards must exist. */
export function linkCards(doc: Y.Doc, fromId: string, toId: string, at = Date.now()): void {
  doc.transact(() => {
    const from = requireCard(doc, fromId);
    const to = requireCard(doc, toId);
    const rule = linkRuleFrom(cardKindOf(from) ?? 'esigenza');
    if (rule === undefined || cardKindOf(to) !== rule.to) {
      throw new InvalidLinkError(cardKindOf(from), cardKindOf(to));
    }
    const links = linkMapOf(from, rule);
    if (!links.has(toId)) links.set(toId, at);
  });
}

export function unlinkCards(doc: Y.Doc, fromId: string, toId: string): void {
  doc.transact(() => {
    const from = getCardMap(doc, fromId);
    const rule = from && linkRuleFrom(cardKindOf(from) ?? 'esigenza');
    if (from === undefined || rule === undefined) return;
    linkMapOf(from, rule).delete(toId);
  });
}

/** Raw link entries of a card, dangling ones included, in link order. */
function rawLinks(card: Y.Map<unknown>): Array<{ to: string; at: number }> {
  const kind = cardKindOf(card);
  const rule = kind && linkRuleFrom(kind);
  const links = rule && readYMap<unknown>(card, rule.key);
  if (links === undefined) return [];
  const entries: Array<{ to: string; at: number }> = [];
  for (const [to, at] of links) entries.push({ to, at: typeof at === 'number' ? at : 0 });
  return entries.sort((a, b) => a.at - b.at || (a.to < b.to ? -1 : 1));
}

function isLiveTarget(doc: Y.Doc, fromKind: CardKind, toId: string): boolean {
  const target = getCardMap(doc, toId);
  return target !== undefined && linkRuleFrom(fromKind)?.to === cardKindOf(target);
}

/** [L2] The ids a card links to, in link order, live targets only. */
export function getLinkedIds(doc: Y.Doc, fromId: string): readonly string[] {
  const from = getCardMap(doc, fromId);
  const kind = from && cardKindOf(from);
  if (from === undefined || kind === undefined) return [];
  return rawLinks(from)
    .filter((link) => isLiveTarget(doc, kind, link.to))
    .map((link) => link.to);
}

/** The ids of live cards that link to `toId`, sorted by id. */
export function getBacklinkIds(doc: Y.Doc, toId: string): readonly string[] {
  const target = getCardMap(doc, toId);
  const rule = target && linkRuleTo(cardKindOf(target) ?? 'lineaStrategica');
  if (rule === undefined) return [];
  const sources: string[] = [];
  for (const [id, card] of cardsMap(doc)) {
    if (card.get(CardKey.kind) === rule.from && readYMap(card, rule.key)?.has(toId)) {
      sources.push(id);
    }
  }
  return sources.sort();
}

/** Removes every link to `cardId`; call inside the transaction that deletes the card. */
export function removeLinksTo(doc: Y.Doc, cardId: string): void {
  for (const card of cardsMap(doc).values()) {
    const kind = cardKindOf(card);
    const rule = kind && linkRuleFrom(kind);
    const links = rule && readYMap(card, rule.key);
    if (links?.has(cardId)) links.delete(cardId);
  }
}

/**
 * [L4] Removes links whose target is gone (left by a link made concurrently with the
 * deletion of its target). Deterministic and idempotent; returns how many it removed.
 */
export function pruneDanglingLinks(doc: Y.Doc): number {
  let removed = 0;
  doc.transact(() => {
    for (const card of cardsMap(doc).values()) {
      const kind = cardKindOf(card);
      const rule = kind && linkRuleFrom(kind);
      const links = rule && readYMap(card, rule.key);
      if (kind === undefined || links === undefined) continue;
      for (const to of [...links.keys()]) {
        if (!isLiveTarget(doc, kind, to)) {
          links.delete(to);
          removed++;
        }
      }
    }
  });
  return removed;
}
