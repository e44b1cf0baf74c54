import type { CardKind, Finding } from '@trama/shared';
import { Handle, type Node, type NodeProps, NodeResizer, Position } from '@xyflow/react';
import { createContext, memo, Suspense, useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Participant } from '../board/usePresence';
import { CardTitleField } from '../components/CardTitleField';
import { LoadBoundary } from '../components/LoadBoundary';
import { Loading } from '../components/Loading';
import { CardDetails } from '../components/lazyEditors';
import { currentLanguage } from '../i18n';
import { VoteBadge } from '../votes/VoteBadge';
import type { CanvasCard } from './canvasModel';

export interface CardNodeData extends Record<string, unknown> {
  readonly card: CanvasCard;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly open: boolean;
  readonly editable: boolean;
  readonly locked: boolean;
  readonly findings: readonly Finding[];
  readonly editors: readonly Participant[];
  readonly onOpen: (id: string | null) => void;
  readonly onResized: (id: string, rect: { x: number; y: number; w: number; h: number }) => void;
  readonly onDelete: (id: string) => void;
}

export type CardNodeType = Node<CardNodeData, 'card'>;

/**
 * True while more than one node is selected. Resize handles are drawn only on a card selected
 * alone: on each card of a large selection they would cost a drag dearly and mean nothing.
 */
export const MultiSelectionContext = createContext(false);

function CardResizer({ data }: { data: CardNodeData }) {
  const multi = useContext(MultiSelectionContext);
  if (multi) return null;
  return (
    <NodeResizer
      minWidth={120}
      minHeight={60}
      onResizeEnd={(_event, params) =>
        data.onResized(data.card.id, {
          x: params.x,
          y: params.y,
          w: params.width,
          h: params.height,
        })
      }
    />
  );
}

const HAS_SOURCE: Readonly<Record<CardKind, boolean>> = {
  esigenza: true,
  obiettivo: true,
  lineaStrategica: false,
};
const HAS_TARGET: Readonly<Record<CardKind, boolean>> = {
  esigenza: false,
  obiettivo: true,
  lineaStrategica: true,
};

function HintList({ findings }: { findings: readonly Finding[] }) {
  const language = currentLanguage();
  return (
    <ul className="card-node__hints">
      {findings.map((finding) => (
        <li key={finding.key} data-severity={finding.severity} data-check={finding.check}>
          {finding.message[language]}
        </li>
      ))}
    </ul>
  );
}

/**
 * A card on the canvas. Closed: kind, title, a line of its text, hint and presence badges.
 * Opened (Enter or double click): the title and every field of its kind, editable together.
 */
export const CardNode = memo(
  function CardNode({ data, selected }: Pick<NodeProps<CardNodeType>, 'data' | 'selected'>) {
    const { t } = useTranslation();
    const { card, doc, awareness, open, editable, locked, findings, editors, onOpen } = data;
    const titleInput = useRef<HTMLInputElement>(null);
    const root = useRef<HTMLDivElement>(null);
    const kindLabel = t(`sections.${card.kind}.singular`);
    const shownTitle = card.title.trim() || t('card.untitled', { kind: kindLabel });
    const editor = editors[0];

    // React Flow keeps a node hidden until it is measured: retry for a few frames.
    useEffect(() => {
      if (!open) return;
      let frame = 0;
      let tries = 0;
      const focus = () => {
        const input = titleInput.current;
        // Stop as soon as anything in the card has focus (the person may already be typing).
        if (root.current?.contains(document.activeElement)) return;
        input?.focus({ preventScroll: true });
        if (document.activeElement !== input && tries++ < 30) frame = requestAnimationFrame(focus);
      };
      focus();
      return () => cancelAnimationFrame(frame);
    }, [open]);

    return (
      <div
        ref={root}
        className="card-node"
        data-kind={card.kind}
        data-open={open || undefined}
        data-testid="canvas-card"
        data-card-id={card.id}
        style={editor === undefined ? undefined : { outlineColor: editor.color }}
        data-edited={editor === undefined ? undefined : true}
      >
        {editable && selected && !open ? <CardResizer data={data} /> : null}
        {HAS_TARGET[card.kind] ? (
          <Handle type="target" position={Position.Left} isConnectable={editable} />
        ) : null}
        <div className="card-node__header">
          <span className="card-node__kind" lang="it">
            {kindLabel}
          </span>
          {locked ? (
            <span className="card-node__badge card-node__badge--lock">{t('canvas.locked')}</span>
          ) : null}
          <VoteBadge doc={doc} cardId={card.id} />
          {findings.length > 0 ? (
            <span
              className="card-node__badge card-node__badge--hint"
              title={findings.map((finding) => finding.message[currentLanguage()]).join('\n')}
              data-testid="card-hint-badge"
            >
              <span aria-hidden="true">⚠ {findings.length}</span>
              <span className="visually-hidden">
                {t('hints.count', { count: findings.length })}
              </span>
            </span>
          ) : null}
          {open ? (
            <button
              type="button"
              className="button button--ghost button--small card-node__close nodrag"
              onClick={() => onOpen(null)}
              data-testid="close-card"
            >
              {t('canvas.close')}
            </button>
          ) : null}
        </div>
        {editor !== undefined ? (
          <p className="card-node__editing" style={{ backgroundColor: editor.color }}>
            {t('canvas.editing', { name: editors.map((person) => person.name).join(', ') })}
          </p>
        ) : null}
        {open ? (
          <div className="card-node__body nodrag nopan nowheel" data-testid="canvas-card-body">
            <CardTitleField
              ref={titleInput}
              doc={doc}
              cardId={card.id}
              title={card.title}
              kindLabel={kindLabel}
              editable={editable}
              labelClassName="card__field-label"
            />
            {findings.length > 0 ? (
              <div className="card-node__hint-panel" role="note" aria-label={t('hints.heading')}>
                <HintList findings={findings} />
              </div>
            ) : null}
            <LoadBoundary>
              <Suspense fallback={<Loading />}>
                <CardDetails
                  doc={doc}
                  awareness={awareness}
                  cardId={card.id}
                  kind={card.kind}
                  editable={editable}
                  level={3}
                />
              </Suspense>
            </LoadBoundary>
            {editable ? (
              <button
                type="button"
                className="button button--ghost button--small button--danger"
                onClick={() => data.onDelete(card.id)}
                data-testid="delete-card"
              >
                {t('card.delete')}
              </button>
            ) : null}
          </div>
        ) : (
          <>
            <p className="card-node__title" data-testid="canvas-card-title">
              {shownTitle}
            </p>
            {card.preview !== '' ? <p className="card-node__preview">{card.preview}</p> : null}
          </>
        )}
        {HAS_SOURCE[card.kind] ? (
          <Handle type="source" position={Position.Right} isConnectable={editable} />
        ) : null}
      </div>
    );
  },
  // React Flow passes the node's position too, new on every frame of a drag: what the card
  // shows depends only on its data and selection.
  (before, after) => before.data === after.data && before.selected === after.selected,
);
