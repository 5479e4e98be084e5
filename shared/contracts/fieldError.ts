// The one shape of a problem with one field: `{ path, message }` — a form path (`websitePrincipal.mobile`) or material
// slot, and a Chinese message naming the field and the fix. Errors, warnings, the BFF's `fields` and autosave `problems`.
import { z } from 'zod';

export const fieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldError>;
