/**
 * What part of the shop's data a caller may see: everything (staff), one customer's
 * (a portal token), or the customers a salesperson owns. Repositories apply it in the
 * query, so an invisible record is simply not found (404).
 */
export type Scope = { kind: 'all' } | { kind: 'customer'; customerId: string } | { kind: 'sales'; userId: string };

export const everything: Scope = { kind: 'all' };
