import { CARD_KINDS, type CardKind, type Position, type Size } from '@trama/shared';

/**
 * The canvas's fixed geometry: three lanes side by side, one per step (7, 8, 9), in flow
 * coordinates. Cards are placed freely; a card that has no position yet is laid out in the
 * first free slot of its kind's lane, so every peer shows it in the same place.
 */
export const LANE_WIDTH = 540;
export const LANE_GAP = 60;
export const LANE_HEADER = 170;
export const LANE_MIN_HEIGHT = 640;
export const LANE_PADDING = 30;
export const DEFAULT_CARD_SIZE: Size = { w: 220, h: 120 };
const SLOT_GAP = 24;
const COLUMNS = Math.floor(
  (LANE_WIDTH - 2 * LANE_PADDING + SLOT_GAP) / (DEFAULT_CARD_SIZE.w + SLOT_GAP),
);

export function laneIndex(kind: CardKind): number {
  return CARD_KINDS.indexOf(kind);
}

export function laneX(kind: CardKind): number {
  return laneIndex(kind) * (LANE_WIDTH + LANE_GAP);
}

/** The n-th slot of a lane's grid (left to right, top to bottom). */
export function slotPosition(kind: CardKind, n: number): Position {
  const column = n % COLUMNS;
  const row = Math.floor(n / COLUMNS);
  return {
    x: laneX(kind) + LANE_PADDING + column * (DEFAULT_CARD_SIZE.w + SLOT_GAP),
    y: LANE_HEADER + row * (DEFAULT_CARD_SIZE.h + SLOT_GAP),
  };
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The first slot of the lane where a default-size card overlaps nothing in `taken`. */
export function freeSlot(kind: CardKind, taken: readonly Rect[]): Position {
  for (let n = 0; n < 10_000; n++) {
    const pos = slotPosition(kind, n);
    const rect = { ...pos, ...DEFAULT_CARD_SIZE };
    if (!taken.some((other) => overlaps(rect, other))) return pos;
  }
  return slotPosition(kind, 0);
}

export function rectContains(outer: Rect, point: Position): boolean {
  return (
    point.x >= outer.x &&
    point.x <= outer.x + outer.w &&
    point.y >= outer.y &&
    point.y <= outer.y + outer.h
  );
}

/** The smallest rectangle around `rects`, grown by `padding` on every side. */
export function boundingRect(rects: readonly Rect[], padding: number): Rect | undefined {
  if (rects.length === 0) return undefined;
  const left = Math.min(...rects.map((r) => r.x)) - padding;
  const top = Math.min(...rects.map((r) => r.y)) - padding;
  const right = Math.max(...rects.map((r) => r.x + r.w)) + padding;
  const bottom = Math.max(...rects.map((r) => r.y + r.h)) + padding;
  return { x: left, y: top, w: right - left, h: bottom - top };
}
