import { Controls, MarkerType, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './diagram-strings';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import type { components } from '@/lib/api/schema.gen';
import {
  DiagramEdgeView,
  type DiagramFlowEdge,
  type DiagramFlowNode,
  SmallNodeView,
  StageNodeView,
  StepNodeView,
  type StageState,
  type StepState,
} from './diagram-nodes';
import { edgeLabelText, kindText } from './diagram-text';
import { DiagramLegend } from './diagram-legend';
import { DiagramOutline } from './diagram-outline';
import { type CompiledDefinition, layoutProcess } from './layout-process';
import { placeProcess, type PlacedProcess } from './place-process';

export type ProjectPosition = components['schemas']['ProjectPositionResponse'];
export type { CompiledDefinition };

export interface ProcessDiagramProps {
  /** The compiled definition as the API returns it (`compiled` of a definition version or of a project's position). */
  definition: CompiledDefinition;
  /** Where one project stands: each step done, open, waiting or failed. */
  position?: ProjectPosition;
  /** Running projects per step path (`<stage>/<step>`). */
  counts?: Record<string, number>;
}

const nodeTypes = { step: StepNodeView, small: SmallNodeView, stage: StageNodeView };
const edgeTypes = { diagram: DiagramEdgeView };
const MIN_HEIGHT = 320;
const MAX_HEIGHT = 2400;
const INSET = 8;

/**
 * A definition drawn as a process diagram (elk lays it out, React Flow draws it), with a
 * legend and a text outline that carries everything the canvas shows, for keyboards and
 * screen readers. Read-only.
 */
export function ProcessDiagram({ definition, position, counts }: ProcessDiagramProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const showStatus = position !== undefined || counts !== undefined;
  const graph = useMemo(() => layoutProcess(definition, { statusLine: showStatus }), [definition, showStatus]);
  const [placed, setPlaced] = useState<PlacedProcess | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [width, setWidth] = useState(0);
  const frame = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    // elk (1.4 MB) loads with the first diagram, not with the app.
    import('elkjs/lib/elk.bundled.js')
      .then(({ default: Elk }) => placeProcess(graph, new Elk(), (edge) => edgeLabelText(t, edge)))
      .then((result) => current && setPlaced(result))
      .catch((error: unknown) => current && setFailure(error instanceof Error ? error : new Error(String(error))));
    return () => {
      current = false;
    };
  }, [graph, t]);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const steps = useMemo(() => new Map((position?.steps ?? []).map((step) => [step.path, step])), [position]);
  const stages = useMemo(() => new Map((position?.stages ?? []).map((stage) => [stage.stage, stage.state as StageState])), [position]);

  const flow = useMemo(() => {
    if (!placed) return undefined;
    const named = new Map(placed.nodes.map((node) => [node.id, node.label]));
    const nodes: DiagramFlowNode[] = placed.nodes.map((node) => {
      const standing = node.path ? steps.get(node.path) : undefined;
      const state = node.kind === 'stage' ? (node.stage ? stages.get(node.stage) : undefined) : (standing?.state as StepState | undefined);
      const count = counts && node.path ? (counts[node.path] ?? 0) : undefined;
      const type = node.kind === 'stage' ? 'stage' : node.kind === 'join' || node.kind === 'stage-end' ? 'small' : 'step';
      const stateText = state ? `, ${t(`processDiagram.state.${state}`)}` : '';
      const countText = count ? `, ${t('processDiagram.projectsHere', { count, formattedCount: format.number(count) })}` : '';
      return {
        id: node.id,
        type,
        position: { x: node.x, y: node.y },
        width: node.width,
        height: node.height,
        zIndex: node.kind === 'stage' ? 0 : 1,
        draggable: false,
        selectable: false,
        ariaRole: 'group',
        ariaLabel: `${kindText(t, node)}: ${node.kind === 'join' ? t('processDiagram.joinOf', { join: t(`processDiagram.joinKind.${node.label}`) }) : node.label}${stateText}${countText}`,
        data: {
          node,
          showStatus: showStatus && node.kind !== 'process' && node.kind !== 'stage',
          ...(state ? { state } : {}),
          ...(standing ? { tasks: standing.tasks } : {}),
          ...(count !== undefined ? { count } : {}),
        },
      };
    });
    const edges: DiagramFlowEdge[] = placed.edges.map((edge) => {
      const label = edgeLabelText(t, edge);
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        type: 'diagram',
        zIndex: edge.kind === 'handler' || edge.back ? 2 : 1,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        ariaLabel:
          t(`processDiagram.edgeKind.${edge.kind}`) +
          `: ${named.get(edge.source) ?? edge.source} → ${named.get(edge.target) ?? edge.target}${label ? ` (${label})` : ''}`,
        data: { placed: edge, label },
      };
    });
    return { nodes, edges };
  }, [placed, steps, stages, counts, showStatus, t, format]);

  const scale = placed && width ? Math.min(1, (width - 2 * INSET) / placed.width) : 1;
  const height = placed ? Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.ceil(placed.height * scale) + 2 * INSET)) : MIN_HEIGHT;

  return (
    <div className="process-diagram" data-testid="process-diagram">
      <figure className="pd-figure" aria-labelledby={titleId}>
        <figcaption id={titleId}>{t('processDiagram.caption', { name: definition.name })}</figcaption>
        <div ref={frame} className="pd-canvas" style={{ height }}>
          {failure ? (
            <ErrorMessage error={failure} />
          ) : !flow ? (
            <Loading />
          ) : (
            <ReactFlow
              key={`${height}:${width}`}
              nodes={flow.nodes}
              edges={flow.edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              // The whole diagram fits the width: fitView would leave out the handler lanes, which no node spans.
              defaultViewport={{ x: INSET, y: INSET, zoom: scale }}
              minZoom={0.1}
              maxZoom={2}
              nodesDraggable={false}
              nodesConnectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              elementsSelectable={false}
              zoomOnScroll={false}
              preventScrolling={false}
              ariaLabelConfig={{
                'controls.ariaLabel': t('processDiagram.controls'),
                'controls.zoomIn.ariaLabel': t('processDiagram.zoomIn'),
                'controls.zoomOut.ariaLabel': t('processDiagram.zoomOut'),
                'controls.fitView.ariaLabel': t('processDiagram.fitView'),
                'controls.interactive.ariaLabel': t('processDiagram.interactive'),
              }}
            >
              <Controls showInteractive={false} />
            </ReactFlow>
          )}
        </div>
      </figure>
      <DiagramLegend showStatus={position !== undefined} showCounts={counts !== undefined} />
      <DiagramOutline definition={definition} position={position} counts={counts} />
    </div>
  );
}
