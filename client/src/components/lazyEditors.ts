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

/** Loads the editors' code when the browser is idle; returns how to cancel if not started. */
export function prefetchEditors(): () => void {
  const load = () => {
    void loadCardDetails();
    void loadOutline();
  };
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(load, { timeout: 3000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(load, 1000);
  return () => window.clearTimeout(handle);
}
