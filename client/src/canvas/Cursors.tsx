import { ViewportPortal } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { listPointers, type Pointer } from '../board/usePresence';

/** The others' pointers on the canvas, with their names; decorative for screen readers. */
export function Cursors({ awareness }: { awareness: Awareness }) {
  const [pointers, setPointers] = useState<readonly Pointer[]>([]);
  useEffect(() => {
    const refresh = () => setPointers(listPointers(awareness));
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return (
    <ViewportPortal>
      <div className="cursors" aria-hidden="true">
        {pointers.map((pointer) => (
          <div
            key={pointer.clientId}
            className="cursor"
            data-testid="remote-cursor"
            style={{ transform: `translate(${pointer.x}px, ${pointer.y}px)` }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" role="presentation">
              <path
                d="M1 1 L1 15 L5 11 L8 17 L10 16 L7 10 L13 10 Z"
                fill={pointer.color}
                stroke="#fff"
              />
            </svg>
            <span className="cursor__label" style={{ backgroundColor: pointer.color }}>
              {pointer.name}
            </span>
          </div>
        ))}
      </div>
    </ViewportPortal>
  );
}
