import {
  addCard,
  addGroup,
  type CardKind,
  type CardMove,
  deleteCard,
  deleteGroup,
  type Finding,
  hasCard,
  linkCards,
  moveCard,
  moveCards,
  moveGroup,
  resizeCard,
  resizeGroup,
  setCardGroup,
  unlinkCards,
} from '@trama/shared';
import {
  Background,
  type Connection,
  Controls,
  type Edge,
  MarkerType,
  MiniMap,
  type NodeChange,
  type OnBeforeDelete,
  ReactFlow,
  ReactFlowProvider,
  type ReactFlowState,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import {
  type KeyboardEvent as ReactKeyboardEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Participant } from '../board/usePresence';
import { useAnnounce } from '../components/Announcer';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CardNode, type CardNodeData, type CardNodeType, MultiSelectionContext } from './CardNode';
import { Cursors } from './Cursors';
import type { CanvasCard, CanvasLink, CanvasSnapshot } from './canvasModel';
import { GroupNode, type GroupNodeData, type GroupNodeType } from './GroupNode';
import { LaneNode, type LaneNodeData, type LaneNodeType, shortcutFor } from './LaneNode';
import { LinkEdge, type LinkEdgeData, type LinkEdgeType } from './LinkEdge';
import {
  boundingRect,
  freeSlot,
  LANE_MIN_HEIGHT,
  LANE_PADDING,
  LANE_WIDTH,
  laneX,
  type Rect,
  rectContains,
} from './lanes';
import { MovingLinks } from './MovingLinks';

export interface CanvasViewProps {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly snapshot: CanvasSnapshot;
  readonly flush: () => void;
  /** Tells the snapshot store a local drag is going on (it skips re-reading text). */
  readonly setDragging: (dragging: boolean) => void;
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  readonly editors: ReadonlyMap<string, readonly Participant[]>;
  /** The user may write on this board at all. */
  readonly canEdit: boolean;
  /** The user may write in this lane (false in a locked lane, unless their role allows it). */
  readonly canEditLane: (kind: CardKind) => boolean;
  readonly undo: () => void;
  readonly redo: () => void;
  /** Opens and closes one undo step around a gesture (a drag) whatever its length. */
  readonly undoGesture: (phase: 'start' | 'end') => void;
  /** A card to bring into view and open (from the hints panel); changes with each request. */
  readonly focusRequest: { cardId: string; seq: number } | null;
}

type CanvasNode = LaneNodeType | GroupNodeType | CardNodeType;

const nodeTypes = { card: CardNode, lane: LaneNode, group: GroupNode };
const edgeTypes = { link: LinkEdge };
const KINDS: readonly CardKind[] = ['esigenza', 'obiettivo', 'lineaStrategica'];
const MINIMAP_FROM = 40;
/** Large boards draw only the cards in view (the outline lists them all, for keyboards). */
const VIRTUALISE_FROM = 150;
const WRITE_EVERY_MS = 80;
const POINTER_EVERY_MS = 50;
const GROUP_PADDING = 24;
const GROUP_HEADER = 44;
const NO_FINDINGS: readonly Finding[] = [];
const NO_EDITORS: readonly Participant[] = [];
const NO_NODES: CanvasNode[] = [];
const NO_EDGES: LinkEdgeType[] = [];
const NO_LINKS: readonly CanvasLink[] = [];
const ARROW = { type: MarkerType.ArrowClosed, width: 18, height: 18 };

function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

function cardRect(card: CanvasCard): Rect {
  return { x: card.x, y: card.y, w: card.w, h: card.h };
}

function laneHeight(cards: readonly CanvasCard[], kind: CardKind): number {
  let bottom = LANE_MIN_HEIGHT;
  for (const card of cards) {
    if (card.kind === kind) bottom = Math.max(bottom, card.y + card.h + LANE_PADDING * 2);
  }
  return bottom;
}

/** The selected cards' ids, space-separated (a string, so the selector result compares cheaply). */
function selectedCardIds(state: ReactFlowState): string {
  let ids = '';
  for (const node of state.nodes) {
    if (node.selected && node.type === 'card') ids = ids === '' ? node.id : `${ids} ${node.id}`;
  }
  return ids;
}

function manySelected(state: ReactFlowState): boolean {
  let count = 0;
  for (const node of state.nodes) if (node.selected && ++count > 1) return true;
  return false;
}

const hasNodes = (state: ReactFlowState) => state.nodes.length > 0;

/** What a card node draws from its card (not where it is: React Flow places it). */
function sameShownCard(a: CanvasCard, b: CanvasCard): boolean {
  return a.id === b.id && a.kind === b.kind && a.title === b.title && a.preview === b.preview;
}

function Canvas(props: CanvasViewProps) {
  const { doc, awareness, snapshot, flush, canEdit, canEditLane } = props;
  const { t } = useTranslation();
  const announce = useAnnounce();
  const flow = useReactFlow<CanvasNode, LinkEdgeType>();
  const [openCardId, setOpenCardId] = useState<string | null>(null);
  const [questionsOpen, setQuestionsOpen] = useState<Readonly<Record<CardKind, boolean>>>({
    esigenza: true,
    obiettivo: true,
    lineaStrategica: true,
  });
  const [confirmDelete, setConfirmDelete] = useState<{
    cardIds: string[];
    resolve: (ok: boolean) => void;
  } | null>(null);
  // React Flow keeps the nodes and edges (uncontrolled): a drag moves them in its own store,
  // without re-rendering this component; the board's changes reach it through setNodes.
  const { getNodes, setNodes, setEdges } = flow;
  const selectionKey = useStore(selectedCardIds);
  const selectedCards = useMemo(
    () => (selectionKey === '' ? [] : selectionKey.split(' ')),
    [selectionKey],
  );
  const multiSelection = useStore(manySelected);
  const ready = useStore(hasNodes);
  const dragging = useRef(new Set<string>());
  /** A drag is under way: what only matters at rest (the minimap) waits for the drop. */
  const [dragActive, setDragActive] = useState(false);
  const pendingMoves = useRef(new Map<string, { x: number; y: number }>());
  const writeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const groupDrag = useRef<{
    groupId: string;
    start: { x: number; y: number };
    members: Map<string, { x: number; y: number }>;
  } | null>(null);
  const lastPointer = useRef(0);
  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;

  const cardKind = useCallback(
    (id: string): CardKind | undefined => snapshotRef.current.cards.find((c) => c.id === id)?.kind,
    [],
  );
  const cardEditable = useCallback(
    (kind: CardKind) => canEdit && canEditLane(kind),
    [canEdit, canEditLane],
  );

  // ---- writes -------------------------------------------------------------------------------

  /** Writes the positions gathered since the last write, and group membership at drag end. */
  const writeMoves = useCallback(
    (final: boolean) => {
      if (writeTimer.current !== null) clearTimeout(writeTimer.current);
      writeTimer.current = null;
      const moves = pendingMoves.current;
      if (moves.size === 0) return;
      pendingMoves.current = new Map();
      const cardMoves: CardMove[] = [];
      const groupMoves: Array<{ id: string; pos: { x: number; y: number } }> = [];
      const groupIds = new Set(snapshotRef.current.groups.map((g) => g.id));
      for (const [id, pos] of moves) {
        if (groupIds.has(id)) groupMoves.push({ id, pos });
        else if (hasCard(doc, id)) cardMoves.push({ id, pos });
      }
      doc.transact(() => {
        moveCards(doc, cardMoves);
        for (const move of groupMoves) moveGroup(doc, move.id, move.pos);
        if (!final) return;
        // A card dropped inside a group's frame joins it; dropped outside, it leaves.
        const groups = snapshotRef.current.groups;
        const movedGroups = new Set(groupMoves.map((m) => m.id));
        for (const move of cardMoves) {
          const card = snapshotRef.current.cards.find((c) => c.id === move.id);
          if (card === undefined) continue;
          if (card.groupId !== undefined && movedGroups.has(card.groupId)) continue;
          const center = { x: move.pos.x + card.w / 2, y: move.pos.y + card.h / 2 };
          const inside = groups.find((group) => rectContains(group, center));
          if (inside?.id !== card.groupId) setCardGroup(doc, card.id, inside?.id);
        }
      });
    },
    [doc],
  );

  const queueMove = useCallback(
    (id: string, pos: { x: number; y: number }, final: boolean) => {
      pendingMoves.current.set(id, pos);
      if (final) return;
      if (writeTimer.current === null) {
        writeTimer.current = setTimeout(() => writeMoves(false), WRITE_EVERY_MS);
      }
    },
    [writeMoves],
  );

  const onResizedCard = useCallback(
    (id: string, rect: Rect) => {
      doc.transact(() => {
        resizeCard(doc, id, { w: Math.round(rect.w), h: Math.round(rect.h) });
        moveCard(doc, id, { x: rect.x, y: rect.y });
      });
    },
    [doc],
  );

  const onResizedGroup = useCallback(
    (id: string, rect: Rect) => {
      doc.transact(() => {
        resizeGroup(doc, id, { w: Math.round(rect.w), h: Math.round(rect.h) });
        moveGroup(doc, id, { x: rect.x, y: rect.y });
      });
    },
    [doc],
  );

  const onUngroup = useCallback(
    (id: string) => {
      deleteGroup(doc, id);
      announce(t('canvas.ungrouped'));
    },
    [doc, announce, t],
  );

  const askDelete = useCallback(
    (cardIds: string[]) =>
      new Promise<boolean>((resolve) => setConfirmDelete({ cardIds, resolve })),
    [],
  );

  const onDeleteCard = useCallback(
    (id: string) => {
      void askDelete([id]).then((ok) => {
        if (!ok) return;
        deleteCard(doc, id);
        setOpenCardId(null);
        announce(t('card.deleted'));
      });
    },
    [askDelete, doc, announce, t],
  );

  const openCard = useCallback(
    (id: string | null) => {
      setOpenCardId(id);
      if (id === null) {
        awareness.setLocalStateField('editing', null);
        return;
      }
      // An opened card is read and written at a readable size.
      const card = snapshotRef.current.cards.find((c) => c.id === id);
      if (card !== undefined && flow.getZoom() < 0.9) {
        void flow.setCenter(card.x + 190, card.y + 200, { zoom: 1, duration: 200 });
      }
      setNodes((current) =>
        current.map((node) =>
          node.selected === (node.id === id) ? node : { ...node, selected: node.id === id },
        ),
      );
    },
    [awareness, flow, setNodes],
  );

  const addCardOf = useCallback(
    (kind: CardKind) => {
      if (!cardEditable(kind)) return;
      const taken = snapshotRef.current.cards.map(cardRect);
      const id = addCard(doc, kind, { pos: freeSlot(kind, taken) });
      flush();
      openCard(id);
      announce(t('card.added', { kind: t(`sections.${kind}.singular`) }));
    },
    [cardEditable, doc, flush, openCard, announce, t],
  );

  const toggleQuestion = useCallback((kind: CardKind) => {
    setQuestionsOpen((current) => ({ ...current, [kind]: !current[kind] }));
  }, []);

  // ---- the model → React Flow nodes -----------------------------------------------------------

  const { findings, editors } = props;
  /** Accessible names of the cards, kept while their title and kind and the language stay. */
  const labels = useRef({ t, byCard: new Map<CanvasCard, string>() });
  useEffect(() => {
    if (labels.current.t !== t) labels.current = { t, byCard: new Map() };
    const known = labels.current.byCard;
    const labelled = new Map<CanvasCard, string>();
    for (const card of snapshot.cards) {
      let label = known.get(card);
      if (label === undefined) {
        const kind = t(`sections.${card.kind}.singular`);
        label = `${kind}: ${card.title.trim() || t('card.untitled', { kind })}`;
      }
      labelled.set(card, label);
    }
    labels.current.byCard = labelled;
    const build = (current: CanvasNode[]): CanvasNode[] => {
      const previous = new Map(current.map((node) => [node.id, node]));
      const next: CanvasNode[] = [];
      let changed = current.length !== 3 + snapshot.groups.length + snapshot.cards.length;
      const keep = (node: CanvasNode, old: CanvasNode | undefined) => {
        if (node !== old || current[next.length] !== node) changed = true;
        next.push(node);
      };
      for (const kind of KINDS) {
        const id = `lane:${kind}`;
        const old = previous.get(id) as LaneNodeType | undefined;
        const count = snapshot.cards.filter((card) => card.kind === kind).length;
        const locked = snapshot.lockedLanes.includes(kind);
        const canAdd = cardEditable(kind);
        const height = laneHeight(snapshot.cards, kind);
        if (
          old !== undefined &&
          old.height === height &&
          old.data.count === count &&
          old.data.locked === locked &&
          old.data.canAdd === canAdd &&
          old.data.questionOpen === questionsOpen[kind] &&
          old.data.onAdd === addCardOf &&
          old.data.onToggleQuestion === toggleQuestion
        ) {
          keep(old, old);
          continue;
        }
        const data: LaneNodeData = {
          kind,
          count,
          locked,
          canAdd,
          questionOpen: questionsOpen[kind],
          onToggleQuestion: toggleQuestion,
          onAdd: addCardOf,
        };
        keep(
          {
            id,
            type: 'lane',
            position: { x: laneX(kind), y: 0 },
            width: LANE_WIDTH,
            height,
            data,
            draggable: false,
            selectable: false,
            focusable: false,
            deletable: false,
            connectable: false,
            zIndex: -10,
            className: 'lane-node',
          },
          old,
        );
      }
      for (const group of snapshot.groups) {
        const old = previous.get(`group:${group.id}`) as GroupNodeType | undefined;
        const sameData =
          old !== undefined &&
          old.data.title === group.title &&
          old.data.editable === canEdit &&
          old.data.onResized === onResizedGroup &&
          old.data.onUngroup === onUngroup;
        const data: GroupNodeData = sameData
          ? old.data
          : {
              groupId: group.id,
              title: group.title,
              doc,
              editable: canEdit,
              onResized: onResizedGroup,
              onUngroup,
            };
        const position =
          dragging.current.has(`group:${group.id}`) && old !== undefined
            ? old.position
            : { x: group.x, y: group.y };
        if (
          old !== undefined &&
          old.data === data &&
          old.position.x === position.x &&
          old.position.y === position.y &&
          old.width === group.w &&
          old.height === group.h &&
          old.draggable === canEdit
        ) {
          keep(old, old);
          continue;
        }
        keep(
          {
            id: `group:${group.id}`,
            type: 'group',
            position,
            width: group.w,
            height: group.h,
            data,
            selected: old?.selected ?? false,
            draggable: canEdit,
            connectable: false,
            zIndex: -5,
            ariaLabel: t('canvas.groupLabel', {
              title: group.title || t('canvas.groupPlaceholder'),
            }),
            ...(old?.measured === undefined ? {} : { measured: old.measured }),
          },
          old,
        );
      }
      for (const card of snapshot.cards) {
        const old = previous.get(card.id) as CardNodeType | undefined;
        const editable = cardEditable(card.kind);
        const open = card.id === openCardId;
        const locked = snapshot.lockedLanes.includes(card.kind);
        const cardFindings = findings.get(card.id) ?? NO_FINDINGS;
        const cardEditors = editors.get(card.id) ?? NO_EDITORS;
        const data: CardNodeData =
          old !== undefined &&
          sameShownCard(old.data.card, card) &&
          old.data.open === open &&
          old.data.editable === editable &&
          old.data.locked === locked &&
          old.data.findings === cardFindings &&
          old.data.editors === cardEditors &&
          old.data.onOpen === openCard &&
          old.data.onResized === onResizedCard &&
          old.data.onDelete === onDeleteCard
            ? old.data
            : {
                card,
                doc,
                awareness,
                open,
                editable,
                locked,
                findings: cardFindings,
                editors: cardEditors,
                onOpen: openCard,
                onResized: onResizedCard,
                onDelete: onDeleteCard,
              };
        // While this person drags a card, React Flow's position is the truth: the board
        // catches up with it (its writes are throttled).
        const position =
          dragging.current.has(card.id) && old !== undefined
            ? old.position
            : { x: card.x, y: card.y };
        const width = open ? Math.max(card.w, 380) : card.w;
        const height = open ? undefined : card.h;
        const ariaLabel = labelled.get(card) ?? '';
        if (
          old !== undefined &&
          old.data === data &&
          old.position.x === position.x &&
          old.position.y === position.y &&
          old.width === width &&
          old.height === height &&
          old.draggable === editable &&
          old.ariaLabel === ariaLabel
        ) {
          keep(old, old);
          continue;
        }
        const node: CardNodeType = {
          id: card.id,
          type: 'card',
          position,
          width,
          ...(height === undefined ? {} : { height }),
          data,
          selected: old?.selected ?? false,
          draggable: editable,
          deletable: editable,
          connectable: editable,
          zIndex: open ? 1000 : 0,
          ariaLabel,
          ...(open ? { dragHandle: '.card-node__header' } : {}),
        };
        keep(old?.measured === undefined ? node : { ...node, measured: old.measured }, old);
      }
      return changed ? next : current;
    };
    // Most changes (someone typing, this person's own moves coming back) change no node:
    // React Flow is then not asked to take the whole list again.
    const now = getNodes();
    if (build(now) !== now) setNodes(build);
  }, [
    snapshot,
    findings,
    editors,
    openCardId,
    questionsOpen,
    canEdit,
    cardEditable,
    doc,
    awareness,
    t,
    getNodes,
    setNodes,
    toggleQuestion,
    addCardOf,
    openCard,
    onResizedCard,
    onResizedGroup,
    onUngroup,
    onDeleteCard,
  ]);

  // A card that disappeared (deleted by someone) cannot stay open.
  useEffect(() => {
    if (openCardId !== null && !snapshot.cards.some((card) => card.id === openCardId)) {
      setOpenCardId(null);
    }
  }, [snapshot, openCardId]);

  // ---- the model → React Flow edges, one object per link kept while it does not change --------

  const removeLink = useCallback(
    (edgeId: string) => {
      const [source, target] = edgeId.split('->');
      if (source !== undefined && target !== undefined) unlinkCards(doc, target, source);
      announce(t('canvas.linkRemoved'));
    },
    [doc, announce, t],
  );
  const edgeCache = useRef(new Map<string, LinkEdgeType>());
  const removeLabel = t('canvas.removeLink');
  useEffect(() => {
    const kinds = new Map<string, CardKind>();
    for (const card of snapshot.cards) kinds.set(card.id, card.kind);
    const cache = new Map<string, LinkEdgeType>();
    const wanted = snapshot.links.map((link) => {
      const targetKind = kinds.get(link.target);
      const editable = targetKind !== undefined && cardEditable(targetKind);
      const old = edgeCache.current.get(link.id);
      const edge: LinkEdgeType =
        old !== undefined &&
        old.data?.editable === editable &&
        old.data.onRemove === removeLink &&
        old.data.removeLabel === removeLabel
          ? old
          : {
              id: link.id,
              source: link.source,
              target: link.target,
              type: 'link',
              markerEnd: ARROW,
              deletable: editable,
              selectable: editable,
              data: { editable, onRemove: removeLink, removeLabel } satisfies LinkEdgeData,
            };
      cache.set(link.id, edge);
      return edge;
    });
    const before = edgeCache.current;
    edgeCache.current = cache;
    if (cache.size === before.size && wanted.every((edge) => before.get(edge.id) === edge)) {
      return;
    }
    setEdges((current) => {
      // Keep React Flow's selection of the links that stay, and the links a drag hides.
      const flagged = new Map<string, LinkEdgeType>();
      for (const edge of current) if (edge.selected || edge.hidden) flagged.set(edge.id, edge);
      const next = wanted.map((edge) => {
        const shown = flagged.get(edge.id);
        if (shown === undefined) return edge;
        if (shown.data === edge.data) return shown;
        return { ...edge, selected: shown.selected ?? false, hidden: shown.hidden ?? false };
      });
      const same = next.length === current.length && next.every((edge, i) => edge === current[i]);
      return same ? current : next;
    });
  }, [snapshot, cardEditable, removeLink, removeLabel, setEdges]);

  /** The links of the cards being dragged, drawn apart while the drag lasts (MovingLinks). */
  const [movingLinks, setMovingLinks] = useState<readonly CanvasLink[]>(NO_LINKS);
  const markMovingLinks = useCallback(
    (moving: ReadonlySet<string> | null) => {
      const links =
        moving === null
          ? NO_LINKS
          : snapshotRef.current.links.filter(
              (link) => moving.has(link.source) || moving.has(link.target),
            );
      const hidden = new Set(links.map((link) => link.id));
      setMovingLinks(links);
      setEdges((current) => {
        let changed = false;
        const next = current.map((edge) => {
          const hide = hidden.has(edge.id);
          if ((edge.hidden ?? false) === hide) return edge;
          changed = true;
          return { ...edge, hidden: hide };
        });
        return changed ? next : current;
      });
    },
    [setEdges],
  );

  // ---- React Flow events ------------------------------------------------------------------------

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      // React Flow has applied the changes to its nodes; this writes the moves to the board.
      const wasDragging = dragging.current.size > 0;
      let final = false;
      for (const change of changes) {
        if (change.type !== 'position' || change.position === undefined) continue;
        if (change.id.startsWith('lane:')) continue;
        const isDragging = change.dragging === true;
        if (isDragging) dragging.current.add(change.id);
        else dragging.current.delete(change.id);
        if (!isDragging) final = true;
        queueMove(
          change.id.startsWith('group:') ? change.id.slice(6) : change.id,
          change.position,
          !isDragging,
        );
        const drag = groupDrag.current;
        if (drag !== null && change.id === `group:${drag.groupId}`) {
          const dx = change.position.x - drag.start.x;
          const dy = change.position.y - drag.start.y;
          const moved = new Map<string, { x: number; y: number }>();
          for (const [id, start] of drag.members) {
            const pos = { x: start.x + dx, y: start.y + dy };
            moved.set(id, pos);
            queueMove(id, pos, !isDragging);
            if (isDragging) dragging.current.add(id);
            else dragging.current.delete(id);
          }
          setNodes((current) =>
            current.map((node) => {
              const pos = moved.get(node.id);
              return pos === undefined ? node : { ...node, position: pos };
            }),
          );
          if (!isDragging) groupDrag.current = null;
        }
      }
      const isDragging = dragging.current.size > 0;
      props.setDragging(isDragging);
      if (wasDragging !== isDragging) {
        setDragActive(isDragging);
        markMovingLinks(isDragging ? dragging.current : null);
      }
      // A whole drag is one undo step, however long the person holds it still.
      if (!wasDragging && isDragging) props.undoGesture('start');
      if (final) writeMoves(true);
      if (wasDragging && !isDragging) props.undoGesture('end');
    },
    [queueMove, writeMoves, setNodes, markMovingLinks, props.setDragging, props.undoGesture],
  );

  const onNodeDragStart = useCallback((_event: unknown, node: CanvasNode) => {
    if (node.type !== 'group') return;
    const groupId = node.id.slice(6);
    const members = new Map<string, { x: number; y: number }>();
    for (const card of snapshotRef.current.cards) {
      if (card.groupId === groupId) members.set(card.id, { x: card.x, y: card.y });
    }
    groupDrag.current = { groupId, start: { ...node.position }, members };
  }, []);

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const source = cardKind(connection.source);
      const target = cardKind(connection.target);
      const allowed =
        (source === 'esigenza' && target === 'obiettivo') ||
        (source === 'obiettivo' && target === 'lineaStrategica');
      return allowed && target !== undefined && cardEditable(target);
    },
    [cardKind, cardEditable],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (!isValidConnection(connection)) return;
      linkCards(doc, connection.target, connection.source);
      announce(t('canvas.linkAdded'));
    },
    [doc, isValidConnection, announce, t],
  );

  const onBeforeDelete = useCallback<OnBeforeDelete<CanvasNode, LinkEdgeType>>(
    async ({ nodes: doomed, edges: doomedEdges }) => {
      const cardIds = doomed.filter((node) => node.type === 'card').map((node) => node.id);
      const groupIds = doomed
        .filter((node) => node.type === 'group')
        .map((node) => node.id.slice(6));
      if (cardIds.length > 0 && !(await askDelete(cardIds))) return false;
      doc.transact(() => {
        for (const edge of doomedEdges) unlinkCards(doc, edge.target, edge.source);
        for (const id of cardIds) deleteCard(doc, id);
        for (const id of groupIds) deleteGroup(doc, id);
      });
      if (cardIds.length > 0) announce(t('canvas.deletedCards', { count: cardIds.length }));
      else if (doomedEdges.length > 0) announce(t('canvas.linkRemoved'));
      // The model changed; React Flow must not also remove them from its own state.
      return false;
    },
    [askDelete, doc, announce, t],
  );

  const groupSelection = useCallback(() => {
    const ids = new Set(selectedCards);
    const cards = snapshotRef.current.cards.filter((card) => ids.has(card.id));
    const frame = boundingRect(cards.map(cardRect), GROUP_PADDING);
    if (frame === undefined) return;
    doc.transact(() => {
      const groupId = addGroup(doc, {
        title: '',
        pos: { x: frame.x, y: frame.y - GROUP_HEADER },
        size: { w: frame.w, h: frame.h + GROUP_HEADER },
      });
      for (const card of cards) setCardGroup(doc, card.id, groupId);
    });
    announce(t('canvas.grouped', { count: cards.length }));
  }, [selectedCards, doc, announce, t]);

  // ---- keyboard, pointer, focus requests ----------------------------------------------------------

  const onKeyDown = useCallback(
    (event: ReactKeyboardEvent<HTMLDivElement>) => {
      if (event.defaultPrevented) return;
      const target = event.target as HTMLElement;
      if (event.key === 'Escape' && openCardId !== null) {
        const id = openCardId;
        openCard(null);
        requestAnimationFrame(() =>
          document
            .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
            ?.focus(),
        );
        event.preventDefault();
        return;
      }
      if (isTextTarget(target)) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'z') {
        if (event.shiftKey) props.redo();
        else props.undo();
        event.preventDefault();
        return;
      }
      if (mod && event.key.toLowerCase() === 'y') {
        props.redo();
        event.preventDefault();
        return;
      }
      if (event.key === 'Enter' && target.classList.contains('react-flow__node-card')) {
        const id = target.dataset.id;
        if (id !== undefined) openCard(id);
        event.preventDefault();
        return;
      }
      if (mod || event.altKey) return;
      const kind = KINDS.find((k) => shortcutFor(k).toLowerCase() === event.key.toLowerCase());
      if (kind !== undefined && cardEditable(kind)) {
        addCardOf(kind);
        event.preventDefault();
      }
    },
    [openCardId, openCard, props.undo, props.redo, cardEditable, addCardOf],
  );

  const onPointerMove = useCallback(
    (event: React.PointerEvent) => {
      const now = performance.now();
      if (now - lastPointer.current < POINTER_EVERY_MS) return;
      lastPointer.current = now;
      const pos = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      awareness.setLocalStateField('pointer', { x: Math.round(pos.x), y: Math.round(pos.y) });
    },
    [flow, awareness],
  );

  const { focusRequest } = props;
  useEffect(() => {
    if (focusRequest === null) return;
    const card = snapshotRef.current.cards.find((c) => c.id === focusRequest.cardId);
    if (card === undefined) return;
    void flow.setCenter(card.x + card.w / 2, card.y + card.h / 2, { zoom: 1, duration: 300 });
    openCard(card.id);
  }, [focusRequest, flow, openCard]);

  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t('canvas.a11y.node'),
      'node.a11yDescription.keyboardDisabled': t('canvas.a11y.nodeNoKeyboard'),
      'node.a11yDescription.ariaLiveMessage': ({
        direction,
        x,
        y,
      }: {
        direction: string;
        x: number;
        y: number;
      }) =>
        t('canvas.a11y.moved', {
          direction: t(`canvas.a11y.directions.${direction}`, direction),
          x: Math.round(x),
          y: Math.round(y),
        }),
      'edge.a11yDescription.default': t('canvas.a11y.edge'),
      'controls.ariaLabel': t('canvas.controls.label'),
      'controls.zoomIn.ariaLabel': t('canvas.controls.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.controls.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.controls.fit'),
      'controls.interactive.ariaLabel': t('canvas.controls.interactive'),
      'minimap.ariaLabel': t('canvas.minimap'),
      'handle.ariaLabel': t('canvas.handle'),
    }),
    [t],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keyboard shortcuts of the canvas; every action also has a button
    <div
      className="canvas"
      data-testid="canvas"
      data-ready={ready || undefined}
      onKeyDown={onKeyDown}
      onPointerMove={onPointerMove}
      onPointerLeave={() => awareness.setLocalStateField('pointer', null)}
    >
      <div className="canvas__toolbar" role="toolbar" aria-label={t('canvas.toolbar')}>
        {KINDS.map((kind) =>
          cardEditable(kind) ? (
            <button
              key={kind}
              type="button"
              className="button button--small"
              aria-keyshortcuts={shortcutFor(kind)}
              onClick={() => addCardOf(kind)}
              data-testid={`toolbar-add-${kind}`}
            >
              <span aria-hidden="true">+ </span>
              {t(`sections.${kind}.singular`)}
              <span className="canvas__kbd" aria-hidden="true">
                {shortcutFor(kind)}
              </span>
            </button>
          ) : null,
        )}
        {canEdit ? (
          <button
            type="button"
            className="button button--small"
            disabled={selectedCards.length === 0}
            onClick={groupSelection}
            data-testid="group-selection"
          >
            {t('canvas.group', { count: selectedCards.length })}
          </button>
        ) : null}
        {canEdit ? (
          <>
            <button
              type="button"
              className="button button--small"
              aria-keyshortcuts="Control+Z"
              onClick={props.undo}
              data-testid="undo"
            >
              {t('canvas.undo')}
            </button>
            <button
              type="button"
              className="button button--small"
              aria-keyshortcuts="Control+Shift+Z"
              onClick={props.redo}
              data-testid="redo"
            >
              {t('canvas.redo')}
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="button button--small"
          onClick={() => void flow.fitView({ duration: 300, padding: 0.05 })}
          data-testid="fit-view"
        >
          {t('canvas.fit')}
        </button>
        <span className="canvas__help">{t('canvas.help')}</span>
      </div>
      <div className="canvas__flow">
        <MultiSelectionContext value={multiSelection}>
          <ReactFlow<CanvasNode, LinkEdgeType>
            defaultNodes={NO_NODES}
            defaultEdges={NO_EDGES}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onNodeDragStart={onNodeDragStart}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            onBeforeDelete={onBeforeDelete}
            onNodeDoubleClick={(_event, node) => {
              if (node.type === 'card') openCard(node.id);
            }}
            deleteKeyCode={canEdit ? ['Delete', 'Backspace'] : null}
            nodesDraggable={canEdit}
            nodesConnectable={canEdit}
            multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
            selectionKeyCode="Shift"
            onlyRenderVisibleElements={snapshot.cards.length >= VIRTUALISE_FROM}
            zoomOnDoubleClick={false}
            minZoom={0.1}
            maxZoom={2}
            onInit={(instance) => {
              // The three lanes across the width, their headers at the top.
              const width = document.querySelector('.canvas__flow')?.clientWidth ?? 1000;
              const zoom = Math.min(
                1,
                Math.max(0.3, (width - 32) / (laneX('lineaStrategica') + LANE_WIDTH)),
              );
              void instance.setViewport({ x: 16, y: 16, zoom });
            }}
            ariaLabelConfig={ariaLabelConfig}
            proOptions={{ hideAttribution: true }}
            onPaneClick={() => {
              if (openCardId !== null) openCard(null);
            }}
          >
            <Background gap={24} />
            <Controls showInteractive={false} />
            {movingLinks.length > 0 ? <MovingLinks links={movingLinks} markerEnd={ARROW} /> : null}
            {/* The minimap redraws every card on each move of a drag: it waits for the drop. */}
            {snapshot.cards.length >= MINIMAP_FROM && !dragActive ? (
              <MiniMap pannable zoomable nodeStrokeWidth={3} />
            ) : null}
            <Cursors awareness={awareness} />
          </ReactFlow>
        </MultiSelectionContext>
      </div>
      <ConfirmDialog
        open={confirmDelete !== null}
        heading={t('card.confirm.heading')}
        confirmLabel={t('card.confirm.confirm')}
        cancelLabel={t('card.confirm.cancel')}
        onCancel={() => {
          confirmDelete?.resolve(false);
          setConfirmDelete(null);
        }}
        onConfirm={() => {
          confirmDelete?.resolve(true);
          setConfirmDelete(null);
        }}
      >
        <p>{t('canvas.confirmDelete', { count: confirmDelete?.cardIds.length ?? 0 })}</p>
      </ConfirmDialog>
    </div>
  );
}

/** The tavolo's canvas: lanes for steps 7–9, cards, groups and links, with the others live. */
export function CanvasView(props: CanvasViewProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
