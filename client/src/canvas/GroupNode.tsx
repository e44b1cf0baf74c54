import { setGroupTitle } from '@trama/shared';
import { type Node, type NodeProps, NodeResizer } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { LabelInput } from '../components/LabelInput';

export interface GroupNodeData extends Record<string, unknown> {
  readonly groupId: string;
  readonly title: string;
  readonly doc: Y.Doc;
  readonly editable: boolean;
  readonly onResized: (id: string, rect: { x: number; y: number; w: number; h: number }) => void;
  readonly onUngroup: (id: string) => void;
}

export type GroupNodeType = Node<GroupNodeData, 'group'>;

/** A cluster of cards: a titled frame behind them; dragging it moves its cards along. */
export const GroupNode = memo(function GroupNode({ data, selected }: NodeProps<GroupNodeType>) {
  const { t } = useTranslation();
  return (
    <div className="group-node" data-testid="canvas-group" data-group-id={data.groupId}>
      {data.editable && selected ? (
        <NodeResizer
          minWidth={160}
          minHeight={100}
          onResizeEnd={(_event, params) =>
            data.onResized(data.groupId, {
              x: params.x,
              y: params.y,
              w: params.width,
              h: params.height,
            })
          }
        />
      ) : null}
      <div className="group-node__header">
        <LabelInput
          className="input group-node__title nodrag"
          aria-label={t('canvas.groupTitle')}
          placeholder={t('canvas.groupPlaceholder')}
          value={data.title}
          readOnly={!data.editable}
          onCommit={(title) => setGroupTitle(data.doc, data.groupId, title)}
          data-testid="group-title"
        />
        {data.editable ? (
          <button
            type="button"
            className="button button--ghost button--small nodrag"
            onClick={() => data.onUngroup(data.groupId)}
            data-testid="ungroup"
          >
            {t('canvas.ungroup')}
          </button>
        ) : null}
      </div>
    </div>
  );
});
