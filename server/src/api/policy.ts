/** The return policy: public text, the versioned rules, and a dry run. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff, requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { getCurrentPolicy, getPolicyVersion, listPolicyVersions } from '../modules/policy/policy.repository.ts';
import { DecisionLineTerms, DecisionRoute, DecisionRule, PolicyDocument, PolicyUpdateBody } from '../modules/policy/policy.schema.ts';
import { diffDocuments } from '../modules/policy/policy-diff.ts';
import { describePolicy } from '../modules/policy/policy-text.ts';
import { findPreset, policyPresets } from '../modules/policy/presets.ts';
import { PublicReason, publicReasons } from '../modules/policy/public-reasons.ts';
import { projectRefund } from '../modules/policy/refund-projection.ts';
import { loadRuleOptions } from '../modules/policy/rule-options.repository.ts';
import { PolicyChangesView, PolicyVersionView, PresetView, SimulateBody, SimulationView } from '../modules/policy/simulation.schema.ts';
import { ResolutionEnum, ReturnTypeEnum } from '../modules/returns/returns.schema.ts';
import { previewReturn } from '../workflows/preview-return.ts';
import { mergeAndValidate, publishPolicy } from '../workflows/publish-policy.ts';
import { simulatePolicy } from '../workflows/simulate-policy.ts';
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
      terms: DecisionLineTerms.optional(),
    }),
  ),
  route: DecisionRoute.optional(),
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
              reasons: z.array(PublicReason),
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
          reasons: publicReasons(policy),
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
          summary: 'Published versions, newest first, with who published each',
          response: { 200: z.object({ data: z.array(PolicyVersionView) }), ...errorResponses },
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
          params: z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) }),
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

    app.get(
      '/policy/versions/:version/changes',
      {
        schema: {
          tags: ['policy'],
          summary: 'What a version changed, field by field, against the version before it (or ?against=)',
          params: z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) }),
          querystring: z.object({ against: z.coerce.number().int().min(1).max(2_147_483_647).optional() }),
          response: { 200: PolicyChangesView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'policy:read');
        const { version } = request.params;
        const against = request.query.against ?? (version > 1 ? version - 1 : null);
        const after = await getPolicyVersion(ctx.db, version);
        if (!after) throw notFound('Policy version');
        const before = against === null ? undefined : await getPolicyVersion(ctx.db, against);
        if (against !== null && !before) throw notFound('Policy version');
        const strip = (d: PolicyDocument | undefined) => {
          if (!d) return {};
          const { version: _v, createdAt: _c, ...rest } = d;
          return rest;
        };
        return { version, against, changes: diffDocuments(strip(before), strip(after)) };
      },
    );

    app.get(
      '/policy/presets',
      {
        schema: {
          tags: ['policy'],
          summary: 'Policies to start from: 七天无理由退货, 质量问题退换 (三包), B2B wholesale',
          response: { 200: z.object({ data: z.array(PresetView) }), ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'policy:read');
        return { data: [...policyPresets] };
      },
    );

    app.post(
      '/policy/presets/:code/apply',
      {
        schema: {
          tags: ['policy'],
          summary: 'Publish a preset as the next policy version',
          params: z.object({ code: z.string().min(1).max(40) }),
          response: { 200: PolicyDocument, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'policy:write');
        const preset = findPreset(request.params.code);
        if (!preset) throw notFound('Preset');
        return publishPolicy(ctx, preset.policy, actorOf(p), { source: { preset: preset.code } });
      },
    );

    app.get(
      '/policy/rule-options',
      {
        schema: {
          tags: ['policy'],
          summary: "Values a rule's conditions can pick from: channels, payment methods, categories, customer tiers, SKUs in use",
          response: {
            200: z.object({
              channels: z.array(z.string()),
              paymentMethods: z.array(z.string()),
              categories: z.array(z.string()),
              tiers: z.array(z.string()),
              skus: z.array(z.string()),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        requireStaff(request, 'policy:read');
        return loadRuleOptions(ctx.db);
      },
    );

    app.post(
      '/policy/simulate',
      {
        schema: {
          tags: ['policy'],
          summary: 'Try a draft policy (and process) on an existing or described order before publishing: what each line would get and why',
          body: SimulateBody,
          response: { 200: SimulationView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'policy:read');
        const simulation = await simulatePolicy(ctx, request.body, scopeOf(p));
        const { version: _v, createdAt: _c, ...current } = await getCurrentPolicy(ctx.db);
        const policy = request.body.policy ? mergeAndValidate(current, request.body.policy) : current;
        const firstReason = policy.reasons[0]?.code ?? 'no_reason';
        const money = projectRefund({
          policy,
          lines: simulation.lines.map((l) => ({
            ...l,
            reasonCode: request.body.lines?.find((r) => r.orderLineId === l.orderLineId)?.reasonCode ?? firstReason,
          })),
          grade: request.body.grade ?? null,
          type: request.body.type,
          resolution: request.body.resolution,
          returnless: simulation.returnless,
          financeApprovalAbove: simulation.route.financeApprovalAbove,
        });
        return { ...simulation, money };
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
