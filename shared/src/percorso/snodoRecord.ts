import { z } from 'zod';
import { defineCollection } from '../board/collection.js';
import { MANDATE_OUTPUTS, SNODO_TIPI } from '../mandate.js';

/**
 * Step 5: the snodi (tavoli, laboratori, gruppi di lavoro), each with its object of work and
 * the board it works on, and the ONE mandate template they all share ([P3]): what each must
 * produce, so that their outputs are comparable.
 */
export const snodoRecordSchema = z.object({
  tipo: z.enum(SNODO_TIPI),
  titolo: z.string().trim().min(1).max(200),
  /** Id of a record in `oggetti`; a stale id reads as "no object" ([P4]). */
  oggettoId: z.string().min(1).max(64).optional(),
  /** Id of the snodo board document (a board id, see protocol.ts). */
  boardId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});
export type SnodoRecord = z.infer<typeof snodoRecordSchema>;

export const snodi = defineCollection('snodi', snodoRecordSchema);

export const mandateRequirementFieldsSchema = z.object({
  output: z.enum(MANDATE_OUTPUTS),
  min: z.number().int().min(1).max(100),
  note: z.string().max(1000),
});

/** The mandate template, requirement by requirement (ids are the requirement ids). */
export const mandateTemplate = defineCollection('mandate', mandateRequirementFieldsSchema);
