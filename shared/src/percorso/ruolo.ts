import { z } from 'zod';
import { defineCollection } from '../board/collection.js';

/**
 * Step 3: a participant's identity as a role that contributes (communityholder), not as an
 * interest to defend: which ente, in what role, bringing what.
 */
export const ruoloSchema = z.object({
  ente: z.string().trim().min(1).max(200),
  ruolo: z.string().trim().max(300),
  /** What it contributes to the percorso (people, places, time, skills…). */
  contributo: z.string().trim().max(2000),
});
export type Ruolo = z.infer<typeof ruoloSchema>;

export const ruoli = defineCollection('ruoli', ruoloSchema);
