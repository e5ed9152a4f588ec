/** Response schemas of the API keys API (shared with the console). */
import { z } from 'zod';
import { roles } from '../auth/roles.ts';

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key'),
  roles: z.array(z.enum(roles)),
  createdById: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const ApiKeyCreatedView = ApiKeyView.extend({ key: z.string().describe('The key itself, shown in this response only') });
export type ApiKeyCreatedView = z.infer<typeof ApiKeyCreatedView>;
