import { z } from 'zod';
import { defineCollection } from '../board/collection.js';

/** Step 1: a common third-party reference — scientific or normative — with an optional link. */
export const RIFERIMENTO_TIPI = ['scientifico', 'normativo', 'altro'] as const;
export type RiferimentoTipo = (typeof RIFERIMENTO_TIPI)[number];

export const riferimentoSchema = z.object({
  titolo: z.string().trim().min(1).max(300),
  tipo: z.enum(RIFERIMENTO_TIPI),
  /** http(s) only: the link ends up clickable in exports. */
  link: z
    .string()
    .trim()
    .max(2000)
    .regex(/^https?:\/\/\S+$/)
    .optional(),
});
export type Riferimento = z.infer<typeof riferimentoSchema>;

export const riferimenti = defineCollection('riferimenti', riferimentoSchema);
