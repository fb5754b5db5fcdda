import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { DiagramEdge, DiagramNode, ProcessGraph } from './layout-process';

export interface Point {
  x: number;
  y: number;
}
export interface PlacedNode extends DiagramNode {
  x: number;
  y: number;
}
export interface PlacedEdge extends DiagramEdge {
  /** SVG path, in the diagram's coordinates. */
  path: string;
  /** Where the label goes and how it hangs from there. */
  labelAt?: Point & { align: 'center' | 'start' };
}
export interface PlacedProcess {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

const LANE_GAP = 14;
const LABEL_ROOM = 176;
const STAGE_GAP = 40;
const LOOP_GAP = 18;
const HEADER = 46;
const FACT_LINE = 18;

const polyline = (points: Point[]) => points.map((point, index) => `${index === 0 ? 'M' : 'L'} ${Math.round(point.x)} ${Math.round(point.y)}`).join(' ');
const labelWidth = (text: string) => Math.min(160, 12 + text.length * 6);

/**
 * Places a process graph: elk lays out each stage's steps left to right (orthogonal edges,
 * labels given room); stages are stacked top to bottom, all as wide as the widest; handlers
 * run down lanes on the left into the stages they start; loops back run under their stage.
 */
export async function placeProcess(graph: ProcessGraph, elk: ELK, labelText: (edge: DiagramEdge) => string): Promise<PlacedProcess> {
  const handlers = graph.edges.filter((edge) => edge.kind === 'handler');
  const margin = handlers.length > 0 ? handlers.length * LANE_GAP + LABEL_ROOM : 0;
  const laidOut = await Promise.all(
    graph.stages.map(async ({ stage, nodes, edges }) => {
      const loops = edges.filter((edge) => edge.back).length;
      const top = HEADER + stage.facts.length * FACT_LINE;
      const root: ElkNode = {
        id: stage.id,
        layoutOptions: {
          'elk.algorithm': 'layered',
          'elk.direction': 'RIGHT',
          'elk.edgeRouting': 'ORTHOGONAL',
          'elk.spacing.nodeNode': '18',
          'elk.layered.spacing.nodeNodeBetweenLayers': '36',
          'elk.spacing.edgeLabel': '4',
          'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
          'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
          'elk.padding': `[top=${top},left=20,bottom=${20 + loops * LOOP_GAP},right=20]`,
        },
        children: nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
        edges: edges
          .filter((edge) => !edge.back)
          .map((edge): ElkExtendedEdge => {
            const text = edge.label ? labelText(edge) : '';
            return {
              id: edge.id,
              sources: [edge.source],
              targets: [edge.target],
              ...(text ? { labels: [{ text, width: labelWidth(text), height: 16 }] } : {}),
            };
          }),
      };
      return elk.layout(root);
    }),
  );
  const width = Math.max(480, ...laidOut.map((stage) => stage.width ?? 0));

  const nodes: PlacedNode[] = [{ ...graph.process, x: margin, y: 0 }];
  const edges: PlacedEdge[] = [];
  let y = graph.process.height + STAGE_GAP;
  graph.stages.forEach(({ stage, nodes: steps, edges: stageEdges }, index) => {
    const placed = laidOut[index];
    const origin = { x: margin, y };
    const height = placed.height ?? 0;
    nodes.push({ ...stage, x: origin.x, y: origin.y, width, height });
    const where = new Map<string, PlacedNode>();
    for (const child of placed.children ?? []) {
      const node = steps.find((candidate) => candidate.id === child.id);
      if (!node) continue;
      const at: PlacedNode = { ...node, x: origin.x + (child.x ?? 0), y: origin.y + (child.y ?? 0) };
      where.set(node.id, at);
      nodes.push(at);
    }
    const bottom = Math.max(...[...where.values()].map((node) => node.y + node.height), origin.y + HEADER);
    let loop = 0;
    for (const edge of stageEdges) {
      const source = where.get(edge.source);
      const target = where.get(edge.target);
      if (!source || !target) continue;
      if (edge.back) {
        const lineY = bottom + LOOP_GAP * (loop + 1) - 4;
        loop++;
        const from = { x: source.x + source.width / 2 + 8, y: source.y + source.height };
        const to = { x: target.x + target.width / 2 - 8, y: target.y + target.height };
        edges.push({
          ...edge,
          path: polyline([from, { x: from.x, y: lineY }, { x: to.x, y: lineY }, to]),
          labelAt: { x: (from.x + to.x) / 2, y: lineY, align: 'center' },
        });
        continue;
      }
      const route = placed.edges?.find((candidate) => candidate.id === edge.id) as ElkExtendedEdge | undefined;
      const section = route?.sections?.[0];
      const points = section
        ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((point) => ({ x: origin.x + point.x, y: origin.y + point.y }))
        : [
            { x: source.x + source.width, y: source.y + source.height / 2 },
            { x: target.x, y: target.y + target.height / 2 },
          ];
      const label = route?.labels?.[0];
      edges.push({
        ...edge,
        path: polyline(points),
        ...(label
          ? {
              labelAt: {
                x: origin.x + (label.x ?? 0) + (label.width ?? 0) / 2,
                y: origin.y + (label.y ?? 0) + (label.height ?? 0) / 2,
                align: 'center' as const,
              },
            }
          : {}),
      });
    }
    y += height + STAGE_GAP;
  });

  const placedById = new Map(nodes.map((node) => [node.id, node]));
  const spine = margin + graph.process.width / 2;
  for (const edge of graph.edges) {
    const source = placedById.get(edge.source);
    const target = placedById.get(edge.target);
    if (!source || !target) continue;
    if (edge.kind === 'stage-sequence') {
      edges.push({
        ...edge,
        path: polyline([
          { x: spine, y: source.y + source.height },
          { x: spine, y: target.y },
        ]),
      });
      continue;
    }
    const lane = handlers.indexOf(edge);
    const fromIndex = handlers.filter((other) => other.source === edge.source).indexOf(edge);
    const toIndex = handlers.filter((other) => other.target === edge.target).indexOf(edge);
    const from = { x: source.x, y: source.y + 16 + 8 * fromIndex };
    const to = { x: target.x, y: target.y + 18 + 24 * toIndex };
    const laneX = (lane + 1) * LANE_GAP - LANE_GAP / 2;
    edges.push({
      ...edge,
      path: polyline([from, { x: laneX, y: from.y }, { x: laneX, y: to.y }, to]),
      labelAt: { x: handlers.length * LANE_GAP + 6, y: to.y, align: 'start' },
    });
  }
  return { nodes, edges, width: margin + width, height: y - STAGE_GAP };
}
