/** API types, taken from the server's zod schemas so the two can never drift apart. */

import type { OrderView as OrderViewSchema } from '@server/modules/orders/orders.schema.ts';
import type {
  DecisionRule as DecisionRuleSchema,
  Decision as DecisionSchema,
  PolicyDocument as PolicyDocumentSchema,
} from '@server/modules/policy/policy.schema.ts';
import type { ProcessDefinition as ProcessDefinitionSchema } from '@server/modules/process/process.schema.ts';
import type { ReturnView as ReturnViewSchema } from '@server/modules/returns/returns.schema.ts';
import type { z } from 'zod';

export type ReturnView = z.infer<typeof ReturnViewSchema>;
export type ReturnLine = ReturnView['lines'][number];
export type ReturnStatus = ReturnView['status'];
export type OrderView = z.infer<typeof OrderViewSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type DecisionRule = z.infer<typeof DecisionRuleSchema>;
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;
export type ProcessDefinition = z.infer<typeof ProcessDefinitionSchema>;

export type Page<T> = { data: T[]; nextCursor: string | null };

export type User = { id: string; email: string; name: string; roles: string[]; locale: string };
