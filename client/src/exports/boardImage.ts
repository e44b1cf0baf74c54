import { toPng, toSvg } from 'html-to-image';
import { saveBlob } from './exportsApi';

/**
 * The board image for slides: the canvas as it is on screen (cards, lanes, links), without
 * the zoom controls and the minimap, on a white background.
 */

const LEAVE_OUT = ['react-flow__controls', 'react-flow__minimap', 'react-flow__panel'];

function keep(node: HTMLElement): boolean {
  return !LEAVE_OUT.some((name) => node.classList?.contains(name));
}

/** The canvas element of the board page, if the canvas view is shown. */
export function findCanvas(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.board__view .react-flow');
}

export async function saveBoardImage(format: 'svg' | 'png', baseName: string): Promise<boolean> {
  const canvas = findCanvas();
  if (canvas === null) return false;
  const options = { backgroundColor: '#ffffff', filter: keep, pixelRatio: 2, cacheBust: false };
  const dataUrl = format === 'svg' ? await toSvg(canvas, options) : await toPng(canvas, options);
  const blob = await (await fetch(dataUrl)).blob();
  saveBlob(blob, `${baseName}.${format}`);
  return true;
}
