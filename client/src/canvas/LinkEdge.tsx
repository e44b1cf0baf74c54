import {
  BaseEdge,
  type Edge,
  EdgeLabelRenderer,
  type EdgeProps,
  getBezierPath,
} from '@xyflow/react';
import { memo } from 'react';

export interface LinkEdgeData extends Record<string, unknown> {
  readonly editable: boolean;
  readonly onRemove: (edgeId: string) => void;
  /** The remove button's label (in the data: no translation hook in each of hundreds of links). */
  readonly removeLabel: string;
}

export type LinkEdgeType = Edge<LinkEdgeData, 'link'>;

/** A link between two cards; when selected, a button removes it. */
export const LinkEdge = memo(function LinkEdge(props: EdgeProps<LinkEdgeType>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const data = props.data;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        className={props.selected ? 'link-edge link-edge--selected' : 'link-edge'}
      />
      {props.selected && data?.editable ? (
        <EdgeLabelRenderer>
          <button
            type="button"
            className="link-edge__remove nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onClick={() => data.onRemove(props.id)}
            data-testid="remove-link"
          >
            {data.removeLabel}
          </button>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
