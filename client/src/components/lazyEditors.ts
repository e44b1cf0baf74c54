import { lazy } from 'react';

/*
 * The rich-text editors (Tiptap and ProseMirror, a third of the client's code) load on demand:
 * the canvas draws a board without them, and they are needed only in an opened card or the
 * outline. `prefetchEditors` fetches them once the page is idle, so the first card opens
 * without a wait.
 */
const loadCardDetails = () => import('./CardDetails');
const loadOutline = () => import('../outline/OutlineView');

export const CardDetails = lazy(() =>
  loadCardDetails().then((module) => ({ default: module.CardDetails })),
);

export const OutlineView = lazy(() =>
  loadOutline().then((module) => ({ default: module.OutlineView })),
);

/**
 * Loads the editors' code a moment after the board is shown, when the browser is idle (not
 * while the canvas draws its first frames); returns how to cancel it.
 */
export function prefetchEditors(): () => void {
  let idle: number | null = null;
  // A failure here stays quiet: it shows (LoadBoundary) only if the part is then needed.
  const load = () => {
    loadCardDetails().catch(() => {});
    loadOutline().catch(() => {});
  };
  const timer = window.setTimeout(() => {
    if (typeof window.requestIdleCallback === 'function') {
      idle = window.requestIdleCallback(load, { timeout: 3000 });
    } else load();
  }, PREFETCH_AFTER_MS);
  return () => {
    window.clearTimeout(timer);
    if (idle !== null) window.cancelIdleCallback(idle);
  };
}

const PREFETCH_AFTER_MS = 1500;
