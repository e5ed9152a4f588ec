/** The return policy: public text, the versioned rules, and a dry run. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff, requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { getCurrentPolicy, getPolicyVersion, listPolicyVersions } from '../modules/policy/policy.repository.ts';
import { DecisionRule, PolicyDocument, PolicyUpdateBody } from '../modules/policy/policy.schema.ts';
import { describePolicy } from '../modules/policy/policy-text.ts';
import { ResolutionEnum, ReturnTypeEnum } from '../modules/returns/returns.schema.ts';
import { previewReturn } from '../workflows/preview-return.ts';
import { publishPolicy } from '../workflows/publish-policy.ts';
import { errorResponses } from './common.ts';

const PolicyText = z.object({ title: z.string(), summary: z.string(), items: z.array(z.string()) });

const PreviewView = z.object({
  eligible: z.boolean(),
  outcome: z.enum(['approved', 'pending_review']),
  policyVersion: z.number().int(),
  rules: z.array(DecisionRule),
  lines: z.array(
    z.object({
      orderLineId: z.string(),
      eligible: z.boolean(),
      deadline: z.string().nullable(),
      estimatedValue: z.number().int(),
      estimatedFee: z.number().int(),
      violations: z.array(z.object({ rule: z.string(), message: z.string(), messageEn: z.string() })),
    }),
  ),
  returnable: z.array(z.object({ orderLineId: z.string(), returnableQuantity: z.number().int() })),
  returnless: z.boolean(),
  refundOnReceipt: z.boolean(),
  estimatedRefund: z.number().int(),
});

export function policyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/public/policy',
      {
        schema: {
          tags: ['policy'],
          summary: 'The return policy in words a customer reads (no sign-in)',
          response: {
            200: z.object({
              version: z.number().int(),
              returnWindowDays: z.number().int(),
              reasons: z.array(z.object({ code: z.string(), label: z.string(), labelEn: z.string().optional() })),
              nonReturnableCategories: z.array(z.string()),
              'zh-CN': PolicyText,
              en: PolicyText,
            }),
          },
        },
      },
      async () => {
        const policy = await getCurrentPolicy(ctx.db);
        return {
          version: policy.version,
          returnWindowDays: policy.returnWindowDays,
          reasons: policy.reasons.map((r) => ({ code: r.code, label: r.label, ...(r.labelEn ? { labelEn: r.labelEn } : {}) })),
          nonReturnableCategories: policy.nonReturnableCategories,
          ...describePolicy(policy),
        };
      },
    );

    app.get(
      '/policy',
      { schema: { tags: ['policy'], summary: 'The policy in force', response: { 200: PolicyDocument, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'policy:read');
        return getCurrentPolicy(ctx.db);
      },
    );

    app.put(
      '/policy',
      {
        schema: {
          tags: ['policy'],
          summary: 'Publish a new policy version (fields left out keep their value)',
          body: PolicyUpdateBody,
          response: { 200: PolicyDocument, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'policy:write');
        return publishPolicy(ctx, request.body, actorOf(p));
      },
    );

    app.get(
      '/policy/versions',
      {
        schema: {
          tags: ['policy'],
          summary: 'Published versions, newest first',
          response: { 200: z.object({ data: z.array(z.object({ version: z.number().int(), createdAt: z.string(), createdById: z.string().nullable() })) }) },
        },
      },
      async (request) => {
        requireStaff(request, 'policy:read');
        return { data: await listPolicyVersions(ctx.db) };
      },
    );

    app.get(
      '/policy/versions/:version',
      {
        schema: {
          tags: ['policy'],
          summary: 'One published version',
          params: z.object({ version: z.coerce.number().int().min(1) }),
          response: { 200: PolicyDocument, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'policy:read');
        const document = await getPolicyVersion(ctx.db, request.params.version);
        if (!document) throw notFound('Policy version');
        return document;
      },
    );

    app.post(
      '/policy/evaluate',
      {
        schema: {
          tags: ['policy'],
          summary: 'Dry run: what the policy says about returning lines of an order, and the estimated refund',
          body: z.object({
            orderId: z.string().min(1).max(64),
            type: ReturnTypeEnum.default('return'),
            resolution: ResolutionEnum.default('refund'),
            lines: z
              .array(
                z.object({ orderLineId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(1_000_000), reasonCode: z.string().min(1).max(40) }),
              )
              .max(200)
              .optional(),
          }),
          response: { 200: PreviewView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:read');
        return previewReturn(ctx, { ...request.body, scope: scopeOf(p) });
      },
    );
  };
}
