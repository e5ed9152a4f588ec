/**
 * Everything a staff member needs beside a return to work it: the stage it sits in with
 * its operating steps and due time, the stage history, inspections, the refund
 * breakdown, and the actions their role may take now.
 */
import type { AppContext } from '../context.ts';
import { notFound } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { findReturnsWarehouse } from '../modules/inventory/locations.repository.ts';
import { getCurrentProcess } from '../modules/process/process.repository.ts';
import { findRefundsForReturn } from '../modules/refunds/refunds.repository.ts';
import { type ActionUser, availableActions } from '../modules/returns/available-actions.ts';
import { findInspections, findReturnLines, findReturnRow, findStages } from '../modules/returns/returns.repository.ts';
import type { ReturnWorkbench } from '../modules/returns/workbench.schema.ts';
import { listDispositionTargets } from '../modules/warehouses/dispositions.repository.ts';
import { previewRefund } from './preview-refund.ts';

/** Where each disposition sends units from the returns zone, as configured for its warehouse. */
async function loadDispositions(ctx: AppContext): Promise<ReturnWorkbench['dispositions']> {
  const warehouse = await findReturnsWarehouse(ctx.db);
  if (!warehouse) throw new Error('the warehouse of RETURNS is missing');
  return (await listDispositionTargets(ctx.db, warehouse.id)).map(({ disposition, location }) => ({ disposition, location }));
}

export type LoadWorkbenchOptions = { returnId: string; scope: Scope; user: ActionUser };

/** The workbench of a return visible in the scope; 404 otherwise. */
export async function loadReturnWorkbench(ctx: AppContext, o: LoadWorkbenchOptions): Promise<ReturnWorkbench> {
  const ret = await findReturnRow(ctx.db, o.returnId, o.scope);
  if (!ret) throw notFound('Return');
  const [lines, stages, inspections, refunds, process, dispositions] = await Promise.all([
    findReturnLines(ctx.db, ret.id),
    findStages(ctx.db, ret.id),
    findInspections(ctx.db, ret.id),
    findRefundsForReturn(ctx.db, ret.id),
    getCurrentProcess(ctx.db),
    loadDispositions(ctx),
  ]);
  const refund = await previewRefund(ctx, ret, lines);
  const now = ctx.clock.now().toISOString();
  const definition = process.stages.find((s) => s.code === ret.stage);
  const open = [...stages].reverse().find((s) => s.stage === ret.stage);
  const dueAt = open && open.exitedAt === null ? open.dueAt : null;

  return {
    returnId: ret.id,
    stage: definition
      ? {
          code: definition.code,
          name: definition.name,
          nameEn: definition.nameEn,
          ownerRole: definition.ownerRole,
          timeLimitHours: definition.timeLimitHours,
          steps: definition.steps,
          stepsEn: definition.stepsEn,
          enteredAt: open?.enteredAt ?? null,
          dueAt,
          overdue: dueAt !== null && dueAt < now,
        }
      : null,
    stages,
    inspections,
    refund,
    actions: availableActions(o.user, {
      ...ret,
      lines,
      refunds: refunds.map((r) => ({ status: r.status, requestedById: r.requestedById })),
      remainingRefund: refund.remaining,
    }),
    dispositions,
    pendingRefunds: refunds
      .filter((r) => r.status === 'pending_approval')
      .map((r) => ({ id: r.id, number: r.number, amount: r.amount, requestedById: r.requestedById, canApprove: r.requestedById !== o.user.id })),
    now,
  };
}
