import { EdgeLabelRenderer, getBezierPath, type ReactFlowState, useStore } from '@xyflow/react';
import { ConnectionMode, getEdgePosition, getMarkerId } from '@xyflow/system';
import { memo, useCallback } from 'react';
import type { CanvasLink } from './canvasModel';

/**
 * The links of the cards being dragged, drawn while the drag lasts in one small layer of their
 * own (their React Flow edges are hidden meanwhile). Redrawing them on every pointer move then
 * repaints only these few lines: the hundreds of other links and the cards under them keep the
 * pixels they had, which is what keeps a drag smooth with the whole board in view.
 */
export const MovingLinks = memo(function MovingLinks(props: {
  readonly links: readonly CanvasLink[];
  /** The marker React Flow draws at the end of a link (the same definition is reused). */
  readonly markerEnd: Parameters<typeof getMarkerId>[0];
}) {
  const { links } = props;
  // One string for all the paths: the component re-renders only when one of them moved.
  const paths = useStore(
    useCallback(
      (state: ReactFlowState) => {
        let all = '';
        for (const link of links) {
          const sourceNode = state.nodeLookup.get(link.source);
          const targetNode = state.nodeLookup.get(link.target);
          const at =
            sourceNode === undefined || targetNode === undefined
              ? null
              : getEdgePosition({
                  id: link.id,
                  sourceNode,
                  targetNode,
                  sourceHandle: null,
                  targetHandle: null,
                  connectionMode: ConnectionMode.Strict,
                });
          all += `${at === null ? '' : getBezierPath(at)[0]}\n`;
        }
        return all;
      },
      [links],
    ),
  );
  const rfId = useStore(rfIdOf);
  const marker = `url('#${getMarkerId(props.markerEnd, rfId)}')`;
  const ds = paths.split('\n');
  return (
    <EdgeLabelRenderer>
      <svg className="canvas__moving-links" aria-hidden="true" data-testid="moving-links">
        {links.map((link, i) =>
          ds[i] ? (
            <path
              key={link.id}
              d={ds[i]}
              className="react-flow__edge-path link-edge"
              markerEnd={marker}
            />
          ) : null,
        )}
      </svg>
    </EdgeLabelRenderer>
  );
});

const rfIdOf = (state: ReactFlowState) => state.rfId;
