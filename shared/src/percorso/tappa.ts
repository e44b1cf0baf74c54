import { z } from 'zod';
import { defineCollection } from '../board/collection.js';

/** Step 6: the calendar — working sessions and milestones — optionally of one snodo. */
export const TAPPA_TIPI = ['sessione', 'tappa'] as const;
export type TappaTipo = (typeof TAPPA_TIPI)[number];

export const tappaSchema = z.object({
  titolo: z.string().trim().min(1).max(300),
  tipo: z.enum(TAPPA_TIPI),
  /** A calendar date, YYYY-MM-DD: sessions are planned by day, not by instant. */
  data: z.iso.date(),
  /** Id of a record in `snodi` when the session belongs to one table; stale ids read as plenary. */
  snodoId: z.string().min(1).max(64).optional(),
  luogo: z.string().trim().max(300).optional(),
});
export type Tappa = z.infer<typeof tappaSchema>;

export const tappe = defineCollection('tappe', tappaSchema);
