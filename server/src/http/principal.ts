/**
 * Who is calling: a staff user, a customer with a portal session, or nobody. Resolved
 * once per request from the bearer token (or the console's session cookie).
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { type Permission, rolesAllow, seesOnlyOwnCustomers } from '../modules/auth/roles.ts';
import type { User } from '../modules/auth/users.repository.ts';

/** A staff user, or an integration acting through an API key with the key's roles (`apiKeyId` set). */
export type Principal = { kind: 'anonymous' } | { kind: 'user'; user: User; apiKeyId?: string } | { kind: 'customer'; customerId: string };

export type StaffPrincipal = Extract<Principal, { kind: 'user' }>;
export type CustomerPrincipal = Extract<Principal, { kind: 'customer' }>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    sessionToken: string | null;
  }
}

/** The actor recorded for what a principal does. */
export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'user':
      return principal.apiKeyId ? { kind: 'api_key', id: principal.apiKeyId } : { kind: 'user', id: principal.user.id };
    case 'customer':
      return { kind: 'customer', id: principal.customerId };
    case 'anonymous':
      return { kind: 'system', id: null };
  }
}

/** What a principal may see. */
export function scopeOf(principal: Principal): Scope {
  if (principal.kind === 'customer') return { kind: 'customer', customerId: principal.customerId };
  if (principal.kind === 'user' && seesOnlyOwnCustomers(principal.user.roles)) return { kind: 'sales', userId: principal.user.id };
  return { kind: 'all' };
}

/** A staff user holding the permission: 401 without credentials, 403 otherwise. */
export function requireStaff(request: FastifyRequest, permission: Permission): StaffPrincipal {
  const p = request.principal;
  if (p.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first: send Authorization: Bearer <token>');
  if (p.kind !== 'user' || !rolesAllow(p.user.roles, permission)) throw new AppError('forbidden', `Your role may not do this (${permission})`);
  return p;
}

/** A staff user holding the permission, or a portal customer (whose scope limits what they reach). */
export function requireStaffOrCustomer(request: FastifyRequest, permission: Permission): StaffPrincipal | CustomerPrincipal {
  const p = request.principal;
  if (p.kind === 'customer') return p;
  return requireStaff(request, permission);
}

/** Any signed-in staff user, whatever the role: 401 without credentials, 403 for a customer. */
export function requireAnyStaff(request: FastifyRequest): StaffPrincipal {
  const p = request.principal;
  if (p.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first: send Authorization: Bearer <token>');
  if (p.kind !== 'user') throw new AppError('forbidden', 'Staff only');
  return p;
}

/** Any signed-in caller. */
export function requireSignedIn(request: FastifyRequest): StaffPrincipal | CustomerPrincipal {
  const p = request.principal;
  if (p.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first: send Authorization: Bearer <token>');
  return p;
}
