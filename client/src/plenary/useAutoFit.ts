import { type RefObject, useLayoutEffect } from 'react';

/**
 * Shrinks the type of a projector panel until its content fits the screen, never below the
 * readable minimum: sets `--fit` (min…1) on the element, which its CSS multiplies into the
 * font size. Re-fits when the window or the content changes.
 */
export function useAutoFit(ref: RefObject<HTMLElement | null>, min: number, key: unknown): void {
  useLayoutEffect(() => {
    void key;
    const element = ref.current;
    if (element === null) return;
    let frame = 0;
    const refit = () => {
      let scale = 1;
      element.style.setProperty('--fit', '1');
      for (let i = 0; i < 6; i++) {
        const over = element.scrollHeight / Math.max(1, element.clientHeight);
        const wide = element.scrollWidth / Math.max(1, element.clientWidth);
        const ratio = Math.max(over, wide);
        if (ratio <= 1.001 || scale <= min) break;
        scale = Math.max(min, scale / ratio - 0.01);
        element.style.setProperty('--fit', scale.toFixed(3));
      }
      element.dataset.fit = scale.toFixed(2);
    };
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(refit);
    };
    refit();
    const resize = new ResizeObserver(schedule);
    resize.observe(element);
    const mutation = new MutationObserver(schedule);
    mutation.observe(element, { childList: true, subtree: true, characterData: true });
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      mutation.disconnect();
      window.removeEventListener('resize', schedule);
    };
  }, [ref, min, key]);
}
