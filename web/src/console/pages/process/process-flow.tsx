/** The return process drawn as a flowchart: each stage with its owner, the returns there now and their median time. */
import { Background, Controls, type Edge, Handle, MarkerType, type Node, type NodeProps, Position, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProcessStageView } from '../../api/console-types.ts';
import { formatHours } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';

type StageNodeData = { stage: ProcessStageView; onOpen: (code: string) => void; side: { in: Position; out: Position }; health?: StageHealthCode | undefined };

/** A stage's health from the analytics (time in stage against its limit, overdue work). */
export type StageHealthCode = 'good' | 'warn' | 'bad' | 'idle';
const healthColors: Record<StageHealthCode, { top: string; background: string }> = {
  good: { top: '#52c41a', background: '#f6ffed' },
  warn: { top: '#faad14', background: '#fffbe6' },
  bad: { top: '#ff4d4f', background: '#fff1f0' },
  idle: { top: '#bfbfbf', background: '#fff' },
};
type StageNode = Node<StageNodeData, 'stage'>;

const roleColors: Record<string, string> = { customer: 'default', service: 'blue', warehouse: 'orange', finance: 'green', manager: 'purple', sales: 'cyan' };
const nodeWidth = 220;

function StageNodeView({ data }: NodeProps<StageNode>) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const { stage } = data;
  const overdue = stage.overdue > 0;
  const health = data.health ? healthColors[data.health] : undefined;
  return (
    <button
      type="button"
      data-testid={`flow-stage-${stage.code}`}
      data-health={data.health}
      onClick={() => data.onOpen(stage.code)}
      style={{
        display: 'block',
        textAlign: 'start',
        font: 'inherit',
        width: nodeWidth,
        height: labels.english ? 158 : 132,
        background: health?.background ?? '#fff',
        border: `1px solid ${overdue ? '#ffa39e' : '#d9e2f2'}`,
        borderTop: `4px solid ${health?.top ?? (overdue ? '#ff4d4f' : stage.ownerRole === 'customer' ? '#bfbfbf' : '#1677ff')}`,
        borderRadius: 10,
        padding: '10px 12px',
        boxShadow: '0 2px 8px rgba(15,27,61,0.08)',
        cursor: 'pointer',
        opacity: stage.enabled ? 1 : 0.5,
      }}
    >
      <Handle type="target" position={data.side.in} style={{ opacity: 0 }} />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 6 }}>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {labels.english ? stage.nameEn : stage.name}
        </Typography.Text>
        <Tag color={roleColors[stage.ownerRole] ?? 'default'} style={{ marginInlineEnd: 0 }}>
          {labels.role(stage.ownerRole)}
        </Tag>
      </div>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 6, marginTop: 6 }}>
        <span style={{ fontSize: 26, fontWeight: 600, color: stage.current > 0 ? '#1f2937' : '#bfbfbf' }} data-testid="flow-count">
          {stage.current}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {stage.code === 'done' ? t('process.finished') : t('process.there')}
        </Typography.Text>
        {overdue ? (
          <Typography.Text type="danger" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
            {t('process.overdue', { count: stage.overdue })}
          </Typography.Text>
        ) : null}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {stage.medianHours !== null ? t('process.median', { time: formatHours(stage.medianHours, t) }) : '\u00a0'}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {stage.timeLimitHours ? t('process.limit', { time: formatHours(stage.timeLimitHours, t) }) : t('process.noLimit')}
      </Typography.Text>
      <Handle type="source" position={data.side.out} style={{ opacity: 0 }} />
    </button>
  );
}

const nodeTypes = { stage: StageNodeView };

/** Two rows, the second read right to left, so seven stages fit a laptop screen. */
function layout(stages: ProcessStageView[], onOpen: (code: string) => void, health?: Record<string, StageHealthCode>): { nodes: StageNode[]; edges: Edge[] } {
  const perRow = Math.ceil(stages.length / 2);
  const gapX = 90;
  const nodes = stages.map((stage, i): StageNode => {
    const row = i < perRow ? 0 : 1;
    const col = row === 0 ? i : perRow - 1 - (i - perRow);
    const lastOfRow = row === 0 && i === perRow - 1;
    const firstOfSecond = row === 1 && i === perRow;
    const side = {
      in: firstOfSecond ? Position.Top : row === 0 ? Position.Left : Position.Right,
      out: lastOfRow ? Position.Bottom : row === 0 ? Position.Right : Position.Left,
    };
    return {
      id: stage.code,
      type: 'stage',
      position: { x: col * (nodeWidth + gapX), y: row * 250 },
      data: { stage, onOpen, side, health: health?.[stage.code] },
      draggable: false,
    };
  });
  const edges = stages.slice(1).map(
    (stage, i): Edge => ({
      id: `${stages[i]?.code}-${stage.code}`,
      source: stages[i]?.code ?? '',
      target: stage.code,
      type: 'smoothstep',
      animated: (stages[i]?.current ?? 0) > 0,
      markerEnd: { type: MarkerType.ArrowClosed, color: '#8c9bb5' },
      style: { stroke: '#8c9bb5', strokeWidth: 1.5 },
    }),
  );
  return { nodes, edges };
}

export function ProcessFlow({
  stages,
  onOpen,
  health,
}: {
  stages: ProcessStageView[];
  onOpen: (code: string) => void;
  health?: Record<string, StageHealthCode>;
}) {
  const { nodes, edges } = layout(stages, onOpen, health);
  return (
    <div style={{ height: 470 }} className="rf-flow" data-testid="process-flow">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.12 }}
        nodesConnectable={false}
        nodesDraggable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        proOptions={{ hideAttribution: true }}
        minZoom={0.4}
        maxZoom={1.5}
      >
        <Background gap={20} color="#e6ebf5" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
