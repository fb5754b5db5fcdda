import type { TFunction } from 'i18next';
import type { DiagramEdge, DiagramNode, Duration, Fact } from './layout-process';

/** A duration as people read it: ISO 8601 as written (P1W), working days in words. */
export function durationText(t: TFunction, duration: Duration | undefined): string {
  if (duration === undefined) return '';
  return typeof duration === 'string' ? duration : t('processDiagram.workdays', { count: duration.workdays });
}

export function factText(t: TFunction, fact: Fact): string {
  return t(`processDiagram.fact.${fact.key}`, { text: fact.text ?? '', duration: durationText(t, fact.duration), count: fact.count ?? 0 });
}

export function kindText(t: TFunction, node: Pick<DiagramNode, 'kind' | 'onDemand'>): string {
  if (node.kind === 'stage') return t(node.onDemand ? 'processDiagram.kind.stageOnDemand' : 'processDiagram.kind.stage');
  return t(`processDiagram.kind.${node.kind}`);
}

export function edgeLabelText(t: TFunction, edge: DiagramEdge): string {
  const label = edge.label;
  if (!label) return '';
  return t(`processDiagram.edge.${label.key}`, { text: label.text ?? '', count: label.count ?? 0, low: label.low ?? 0, high: label.high ?? 0 });
}
