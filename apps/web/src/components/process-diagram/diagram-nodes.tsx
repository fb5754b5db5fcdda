import { BaseEdge, type Edge, EdgeLabelRenderer, type EdgeProps, Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';
import { factText, kindText } from './diagram-text';
import type { DiagramNodeKind } from './layout-process';
import type { PlacedEdge, PlacedNode } from './place-process';

export type StepState = 'done' | 'open' | 'waiting' | 'failed' | 'not-reached';
export type StageState = 'done' | 'running' | 'skipped' | 'failed' | 'not-reached';

export const KIND_ICON: Record<DiagramNodeKind, string> = {
  process: '▶',
  stage: '▤',
  task: '✎',
  approval: '✔',
  meeting: '◉',
  cadence: '↻',
  timer: '⧗',
  gate: '◇',
  parallel: '⇉',
  join: '⋈',
  service: '⚙',
  subprocess: '⊞',
  'stage-end': '■',
};
export const STATE_ICON: Record<StepState | StageState, string> = {
  done: '✓',
  open: '●',
  waiting: '◷',
  failed: '⚠',
  'not-reached': '○',
  running: '●',
  skipped: '↷',
};

export interface OpenTask {
  id: string;
  title: string;
  assignee?: string | null;
  role?: string | null;
}

export type DiagramNodeData = {
  node: PlacedNode;
  /** Where a project stands on it, when one is shown. */
  state?: StepState | StageState;
  tasks?: OpenTask[];
  /** Running projects waiting here, when counts are shown. */
  count?: number;
  showStatus: boolean;
};
export type DiagramFlowNode = Node<DiagramNodeData>;
export type DiagramEdgeData = { placed: PlacedEdge; label: string };
export type DiagramFlowEdge = Edge<DiagramEdgeData>;

const hidden = { opacity: 0, pointerEvents: 'none' as const };

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} style={hidden} />
      <Handle type="source" position={Position.Right} isConnectable={false} style={hidden} />
    </>
  );
}

function StatusLine({ data }: { data: DiagramNodeData }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (data.count !== undefined) {
    return data.count > 0 ? (
      <div className="pd-status pd-count" data-testid="diagram-count">
        {t('processDiagram.projectsHere', { count: data.count, formattedCount: format.number(data.count) })}
      </div>
    ) : null;
  }
  if (!data.state) return null;
  const assignees = (data.tasks ?? []).map((task) => task.assignee ?? task.role ?? '').filter(Boolean);
  return (
    <div className="pd-status">
      <span aria-hidden="true">{STATE_ICON[data.state]}</span> {t(`processDiagram.state.${data.state}`)}
      {assignees.length > 0 && <span className="pd-assignees"> · {assignees.join(', ')}</span>}
    </div>
  );
}

/** A step (or the process start): its kind, name and facts, and where a project stands on it. */
export function StepNodeView({ data }: NodeProps<DiagramFlowNode>) {
  const { t } = useTranslation();
  const { node } = data;
  const state = data.state ?? (data.showStatus && data.count === undefined ? 'not-reached' : undefined);
  return (
    <div
      className={`pd-node pd-kind-${node.kind}${state ? ` pd-state-${state}` : ''}${data.count ? ' pd-has-count' : ''}`}
      style={{ width: node.width, height: node.height }}
      data-testid="diagram-node"
      data-path={node.path}
    >
      <Handles />
      <div className="pd-kind">
        <span aria-hidden="true" className="pd-icon">
          {KIND_ICON[node.kind]}
        </span>{' '}
        {kindText(t, node)}
      </div>
      <div className="pd-name">{node.label}</div>
      {node.facts.map((fact, index) => {
        const text = factText(t, fact);
        return (
          <div key={index} className="pd-fact" title={text}>
            {text}
          </div>
        );
      })}
      {data.showStatus && <StatusLine data={{ ...data, state }} />}
    </div>
  );
}

/** A join of parallel branches, or a stage's end. */
export function SmallNodeView({ data }: NodeProps<DiagramFlowNode>) {
  const { t } = useTranslation();
  const { node } = data;
  return (
    <div className={`pd-node pd-small pd-kind-${node.kind}`} style={{ width: node.width, height: node.height }}>
      <Handles />
      <span aria-hidden="true" className="pd-icon">
        {KIND_ICON[node.kind]}
      </span>{' '}
      {node.kind === 'join' ? t('processDiagram.joinOf', { join: t(`processDiagram.joinKind.${node.label}`) }) : t('processDiagram.kind.stage-end')}
    </div>
  );
}

/** A stage: a frame around its steps, its name, `when`, and its state. */
export function StageNodeView({ data }: NodeProps<DiagramFlowNode>) {
  const { t } = useTranslation();
  const { node } = data;
  return (
    <div
      className={`pd-stage${node.onDemand ? ' pd-on-demand' : ''}${data.state ? ` pd-state-${data.state}` : ''}`}
      style={{ width: node.width, height: node.height }}
      data-testid="diagram-stage"
    >
      <Handle type="target" position={Position.Top} isConnectable={false} style={hidden} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={hidden} />
      <div className="pd-stage-title">
        <span aria-hidden="true" className="pd-icon">
          {KIND_ICON.stage}
        </span>{' '}
        <strong>{node.label}</strong> <span className="pd-stage-kind">{kindText(t, node)}</span>
        {data.state && (
          <span className="pd-stage-state">
            {' '}
            · <span aria-hidden="true">{STATE_ICON[data.state]}</span> {t(`processDiagram.stageState.${data.state}`)}
          </span>
        )}
      </div>
      {node.facts.map((fact, index) => (
        <div key={index} className="pd-fact" title={factText(t, fact)}>
          {factText(t, fact)}
        </div>
      ))}
    </div>
  );
}

/** An edge along the path placed for it, with its label. */
export function DiagramEdgeView({ id, data, markerEnd }: EdgeProps<DiagramFlowEdge>) {
  if (!data) return null;
  const { placed, label } = data;
  const at = placed.labelAt;
  return (
    <>
      <BaseEdge id={id} path={placed.path} markerEnd={markerEnd} className={`pd-edge pd-edge-${placed.kind}`} />
      {label && at && (
        <EdgeLabelRenderer>
          <div
            className={`pd-edge-label pd-edge-label-${placed.kind}`}
            title={label}
            style={{ transform: `translate(${at.align === 'start' ? '0' : '-50%'}, -50%) translate(${at.x}px, ${at.y}px)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
