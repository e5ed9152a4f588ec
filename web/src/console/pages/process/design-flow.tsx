/** The process being designed, drawn as it would run: switched-off stages dimmed and bypassed, each stage's owner, limit and amount. */
import { Background, type Edge, Handle, MarkerType, type Node, type NodeProps, Position, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { optionalStages } from '@server/modules/process/process.schema.ts';
import { Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StageDraft } from '../../api/policy-types.ts';
import { formatHours } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';

type DesignNodeData = {
  stage: StageDraft;
  selected: boolean;
  onSelect: (code: string) => void;
  onToggle: (code: string, on: boolean) => void;
  side: { in: Position; out: Position };
};
type DesignNode = Node<DesignNodeData, 'design'>;

const nodeWidth = 210;
const yuan = (fen: number) => `¥${(fen / 100).toFixed(0)}`;

function DesignNodeView({ data }: NodeProps<DesignNode>) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const { stage } = data;
  const optional = optionalStages.includes(stage.code);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a node holds a switch, so it cannot be a button itself
    <div
      role="button"
      tabIndex={0}
      data-testid={`design-stage-${stage.code}`}
      onClick={() => data.onSelect(stage.code)}
      onKeyDown={(e) => (e.key === 'Enter' ? data.onSelect(stage.code) : undefined)}
      style={{
        width: nodeWidth,
        height: 112,
        background: stage.enabled ? '#fff' : '#fafafa',
        border: `${data.selected ? 2 : 1}px ${stage.enabled ? 'solid' : 'dashed'} ${data.selected ? '#1677ff' : '#d9e2f2'}`,
        borderTop: `4px ${stage.enabled ? 'solid' : 'dashed'} ${stage.enabled ? (optional ? '#722ed1' : '#1677ff') : '#bfbfbf'}`,
        borderRadius: 10,
        padding: '8px 10px',
        cursor: 'pointer',
        opacity: stage.enabled ? 1 : 0.65,
        boxShadow: '0 2px 8px rgba(15,27,61,0.08)',
      }}
    >
      <Handle type="target" position={data.side.in} style={{ opacity: 0 }} />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 6 }}>
        <Typography.Text strong delete={!stage.enabled} ellipsis style={{ maxWidth: 130 }}>
          {labels.english ? stage.nameEn : stage.name}
        </Typography.Text>
        {optional ? (
          // biome-ignore lint/a11y/noStaticElementInteractions: stops the click from selecting the node while toggling
          // biome-ignore lint/a11y/useKeyWithClickEvents: the switch itself takes the keyboard
          <span onClick={(e) => e.stopPropagation()}>
            <Switch size="small" checked={stage.enabled} data-testid={`design-toggle-${stage.code}`} onChange={(on) => data.onToggle(stage.code, on)} />
          </span>
        ) : null}
      </div>
      <div style={{ marginTop: 6 }}>
        <Tag style={{ marginInlineEnd: 4 }}>{labels.role(stage.ownerRole)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {stage.timeLimitHours ? formatHours(stage.timeLimitHours, t) : t('process.noLimit')}
          {stage.timeLimitFrom === 'received' ? ` ${t('processDesigner.fromReceipt')}` : ''}
        </Typography.Text>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
        {!stage.enabled
          ? t('processDesigner.skipped')
          : optional && typeof stage.minAmount === 'number'
            ? t('processDesigner.onlyAbove', { amount: yuan(stage.minAmount) })
            : optional
              ? t('processDesigner.always')
              : ' '}
      </Typography.Text>
      <Handle type="source" position={data.side.out} style={{ opacity: 0 }} />
    </div>
  );
}

const nodeTypes = { design: DesignNodeView };

type DesignFlowProps = { stages: StageDraft[]; selected: string | null; onSelect: (code: string) => void; onToggle: (code: string, on: boolean) => void };

export function DesignFlow({ stages, selected, onSelect, onToggle }: DesignFlowProps) {
  // A snake of rows (left to right, then right to left …) so the whole process fits beside the editor.
  const rows = stages.length > 6 ? 3 : 2;
  const perRow = Math.ceil(stages.length / rows);
  const nodes = stages.map((stage, i): DesignNode => {
    const row = Math.floor(i / perRow);
    const at = i % perRow;
    const forward = row % 2 === 0;
    const col = forward ? at : perRow - 1 - at;
    const first = at === 0 && row > 0;
    const last = at === perRow - 1 && i < stages.length - 1;
    const side = {
      in: first ? Position.Top : forward ? Position.Left : Position.Right,
      out: last ? Position.Bottom : forward ? Position.Right : Position.Left,
    };
    return {
      id: stage.code,
      type: 'design',
      position: { x: col * (nodeWidth + 60), y: row * 170 },
      data: { stage, selected: selected === stage.code, onSelect, onToggle, side },
      draggable: false,
    };
  });
  const edges: Edge[] = stages.slice(1).map((stage, i) => {
    const from = stages[i];
    const off = !stage.enabled || !from?.enabled;
    return {
      id: `${from?.code}-${stage.code}`,
      source: from?.code ?? '',
      target: stage.code,
      type: 'smoothstep',
      markerEnd: { type: MarkerType.ArrowClosed, color: off ? '#d9d9d9' : '#8c9bb5' },
      style: { stroke: off ? '#d9d9d9' : '#8c9bb5', strokeWidth: 1.5, ...(off ? { strokeDasharray: '4 4' } : {}) },
    };
  });
  return (
    <div style={{ height: 480 }} className="rf-flow" data-testid="design-flow">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        // A click handler makes the nodes take the pointer (they are neither draggable nor selectable).
        onNodeClick={(_, node) => onSelect(node.id)}
        fitView
        fitViewOptions={{ padding: 0.1 }}
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
      </ReactFlow>
    </div>
  );
}
