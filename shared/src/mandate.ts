import { z } from 'zod';

/**
 * Step 5: the mandate of the snodi — what every tavolo, laboratorio or gruppo di lavoro must
 * produce by the end of the istruttoria. The percorso holds ONE template that every snodo
 * shares, so their outputs are comparable side by side in the documento istruttorio di
 * sintesi; a snodo board carries a snapshot of it (its `SnodoContext`) to check its output.
 */

export const SNODO_TIPI = ['tavolo', 'laboratorio', 'gruppoDiLavoro'] as const;
export type SnodoTipo = (typeof SNODO_TIPI)[number];

/** What a mandate can ask for, each counted on the snodo board. */
export const MANDATE_OUTPUTS = [
  'esigenze',
  'esigenzeConFonti',
  'obiettivi',
  'lineeStrategiche',
  'contributi',
] as const;
export type MandateOutput = (typeof MANDATE_OUTPUTS)[number];

/** Bilingual names of the outputs, as they appear in findings and exports. */
export const MANDATE_OUTPUT_TEXT: Readonly<Record<MandateOutput, { it: string; en: string }>> = {
  esigenze: { it: 'esigenze lette', en: 'esigenze read' },
  esigenzeConFonti: {
    it: 'esigenze con fonti o evidenze',
    en: 'esigenze with sources or evidence',
  },
  obiettivi: { it: 'obiettivi', en: 'objectives' },
  lineeStrategiche: { it: 'linee strategiche', en: 'strategic lines' },
  contributi: { it: 'contributi dei communityholder', en: "communityholders' contributions" },
};

export const mandateRequirementSchema = z.object({
  id: z.string().min(1).max(64),
  output: z.enum(MANDATE_OUTPUTS),
  /** The minimum count the snodo must produce. */
  min: z.number().int().min(1).max(100),
  /** Free text the facilitator adds (what kind of esigenze, which format…). */
  note: z.string().max(1000),
});
export type MandateRequirement = z.infer<typeof mandateRequirementSchema>;

export const mandateSchema = z
  .object({ requirements: z.array(mandateRequirementSchema).max(50) })
  .refine((m) => new Set(m.requirements.map((r) => r.id)).size === m.requirements.length, {
    message: 'mandate requirement ids must be unique',
  });
export type Mandate = z.infer<typeof mandateSchema>;

/** The template a new percorso starts from: the table's output as the method describes it. */
export const DEFAULT_MANDATE: Mandate = {
  requirements: [
    { id: 'esigenze', output: 'esigenze', min: 1, note: '' },
    { id: 'fonti', output: 'esigenzeConFonti', min: 1, note: '' },
    { id: 'obiettivi', output: 'obiettivi', min: 1, note: '' },
    { id: 'linee', output: 'lineeStrategiche', min: 1, note: '' },
    { id: 'contributi', output: 'contributi', min: 1, note: '' },
  ],
};

/**
 * What a snodo board knows of its percorso: where it comes from, what it works on and its
 * mandate. Copied from the percorso board when the snodo is opened or its mandate changes.
 */
export const snodoContextSchema = z.object({
  percorsoBoardId: z.string().min(1).max(64),
  snodoId: z.string().min(1).max(64),
  tipo: z.enum(SNODO_TIPI),
  /** The object of work (step 4) the snodo takes in hand. */
  oggetto: z.string().max(1000),
  mandate: mandateSchema,
});
export type SnodoContext = z.infer<typeof snodoContextSchema>;
