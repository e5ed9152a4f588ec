/**
 * The return slip of a return a caller may see, as a PDF or a PNG. Rendering takes a
 * moment (a CJK font is subset or drawn), so recent slips are kept by their content.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { slipContent } from '../modules/slips/slip-content.ts';
import { renderSlipPdf } from '../modules/slips/slip-pdf.ts';
import { renderSlipPng } from '../modules/slips/slip-png.ts';
import { loadCustomerReturn } from './load-customer-return.ts';

export type SlipFormat = 'pdf' | 'png';

const recent = new Map<string, Promise<Buffer>>();
const keep = 64;

function remember(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
  const hit = recent.get(key);
  if (hit) return hit;
  const made = render();
  recent.set(key, made);
  made.catch(() => recent.delete(key));
  if (recent.size > keep) recent.delete(recent.keys().next().value as string);
  return made;
}

/** The slip's bytes and the return number; 404 when the caller cannot see it, 409 for returns without goods to send. */
export async function renderReturnSlip(ctx: AppContext, o: { returnId: string; scope: Scope; format: SlipFormat }): Promise<{ number: string; bytes: Buffer }> {
  const view = await loadCustomerReturn(ctx, { returnId: o.returnId, scope: o.scope, link: { token: '', expiresAt: '' } });
  if (!view) throw notFound('Return');
  if (!view.goodsComeBack)
    throw new AppError('invalid_transition', `Return ${view.number} has no goods to send back, so it has no slip`, { status: view.status });
  const policy = await getCurrentPolicy(ctx.db);
  const content = slipContent(view, policy.timeZone);
  const key = createHash('sha256')
    .update(`${o.format}\n${JSON.stringify(content)}`)
    .digest('hex');
  const bytes = await remember(key, async () => (o.format === 'pdf' ? renderSlipPdf(content) : renderSlipPng(content)));
  return { number: view.number, bytes };
}
