import { SintesiDownload } from '../exports/SintesiDownload';

/**
 * Where the percorso home offers the *documento istruttorio di sintesi* (steps 1–6 and every
 * snodo's output side by side). The exports feature (`client/src/exports/**`) mounts its
 * download here; until then nothing is shown.
 */
export interface PercorsoExportSlotProps {
  readonly percorsoId: string;
  /** The percorso board. */
  readonly boardId: string;
  readonly token: string;
  /** The facilitator may export the synthesis. */
  readonly canExport: boolean;
}

export function PercorsoExportSlot(props: PercorsoExportSlotProps) {
  return <SintesiDownload {...props} />;
}
