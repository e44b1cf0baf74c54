import { z } from 'zod';
import { defineCollection } from '../board/collection.js';

/** Step 4: an object of work, with the criterion used to define it. */
export const oggettoSchema = z.object({
  titolo: z.string().trim().min(1).max(300),
  criterio: z.string().trim().max(2000),
  descrizione: z.string().trim().max(4000),
});
export type Oggetto = z.infer<typeof oggettoSchema>;

export const oggetti = defineCollection('oggetti', oggettoSchema);
