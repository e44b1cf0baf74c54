import type { ConfrontoCard, ConfrontoReply, ConfrontoSnodo, MandateOutput } from '@trama/shared';

/** The rows of the comparison: the lists a snodo's output is made of. */
export type ConfrontoRowKind = 'esigenze' | 'obiettivi' | 'lineeStrategiche' | 'contributi';

export interface ConfrontoRow {
  readonly kind: ConfrontoRowKind;
  /** The mandate's output this row answers (its label), and the minimum it asks for. */
  readonly output: MandateOutput;
  readonly min: number | null;
}

const ROW_OF: Record<MandateOutput, ConfrontoRowKind> = {
  esigenze: 'esigenze',
  esigenzeConFonti: 'esigenze',
  obiettivi: 'obiettivi',
  lineeStrategiche: 'lineeStrategiche',
  contributi: 'contributi',
};

const DEFAULT_ROWS: readonly ConfrontoRow[] = [
  { kind: 'esigenze', output: 'esigenze', min: null },
  { kind: 'obiettivi', output: 'obiettivi', min: null },
  { kind: 'lineeStrategiche', output: 'lineeStrategiche', min: null },
  { kind: 'contributi', output: 'contributi', min: null },
];

/**
 * Pure: one row per list the mandate asks for, in the mandate's order (two requirements on
 * esigenze share the esigenze row); with no mandate, the four lists of the method.
 */
export function confrontoRows(mandate: ConfrontoReply['mandate']): ConfrontoRow[] {
  const rows: ConfrontoRow[] = [];
  for (const requirement of mandate) {
    const kind = ROW_OF[requirement.output];
    if (rows.some((row) => row.kind === kind)) continue;
    rows.push({ kind, output: requirement.output, min: requirement.min });
  }
  return rows.length === 0 ? [...DEFAULT_ROWS] : rows;
}

/** Pure: a snodo's cards of one row, most voted first, then as they were listed. */
export function cardsByVotes(
  snodo: ConfrontoSnodo,
  kind: Exclude<ConfrontoRowKind, 'contributi'>,
): ConfrontoCard[] {
  return snodo[kind]
    .map((card, index) => ({ card, index }))
    .sort((a, b) => b.card.votes - a.card.votes || a.index - b.index)
    .map(({ card }) => card);
}

/** Pure: the spotlighted snodo first, the others in their order. */
export function orderSnodi(
  snodi: readonly ConfrontoSnodo[],
  spotlight: string | null,
): ConfrontoSnodo[] {
  const first = snodi.filter((snodo) => snodo.boardId === spotlight);
  return [...first, ...snodi.filter((snodo) => snodo.boardId !== spotlight)];
}
