import type { CustomerAnalyticsSettings } from './customer-analytics-settings';
import type { CustomerFacts } from './customer-facts';

export type AbcClass = 'A' | 'B' | 'C';
export type ClassificationBasis = 'contract-value' | 'project-count';
export type RelationshipStage = 'prospect' | 'active' | 'dormant' | 'lost';

export interface CustomerClassification {
  /** e.g. `A/active`. */
  label: string;
  abc: AbcClass;
  basis: ClassificationBasis;
  /** The figure classed (the contract value or the number of projects) and the thresholds it met. */
  figure: number;
  thresholds: { a: number; b: number };
  stage: RelationshipStage;
  stageReason: string;
  /** The projects the stage was read from. */
  stageFrom: { running: string[]; completed: string[]; lastEndedAt: string | null; daysSinceLastEnd: number | null };
}

const DAY = 86_400_000;

/**
 * The customer's ABC class (by contract value, or by number of projects when no value was
 * given) with thresholds from the settings, and their relationship stage from project statuses
 * and dates: running or recently completed work is active, never-won work is a prospect,
 * completed work long ago is dormant and then lost.
 */
export function classifyCustomer(
  facts: Pick<CustomerFacts, 'projects' | 'contractValue'>,
  settings: CustomerAnalyticsSettings['classification'],
  now: Date,
): CustomerClassification {
  const basis: ClassificationBasis = facts.contractValue === null ? 'project-count' : 'contract-value';
  const figure = facts.contractValue ?? facts.projects.length;
  const thresholds = basis === 'contract-value' ? settings.valueThresholds : settings.projectThresholds;
  const abc: AbcClass = figure >= thresholds.a ? 'A' : figure >= thresholds.b ? 'B' : 'C';

  const running = facts.projects.filter((project) => project.status === 'running').map((project) => project.id);
  const completed = facts.projects.filter((project) => project.status === 'completed').map((project) => project.id);
  const ends = facts.projects.map((project) => project.finishedAt?.getTime()).filter((time): time is number => time !== undefined);
  const lastEnd = ends.length === 0 ? null : new Date(Math.max(...ends));
  const daysSinceLastEnd = lastEnd === null ? null : Math.floor((now.getTime() - lastEnd.getTime()) / DAY);
  const { stage, stageReason } = stageOf(running.length, completed.length, daysSinceLastEnd, settings);
  return {
    label: `${abc}/${stage}`,
    abc,
    basis,
    figure,
    thresholds: { ...thresholds },
    stage,
    stageReason,
    stageFrom: { running, completed, lastEndedAt: lastEnd?.toISOString() ?? null, daysSinceLastEnd },
  };
}

function stageOf(
  running: number,
  completed: number,
  daysSinceLastEnd: number | null,
  settings: CustomerAnalyticsSettings['classification'],
): { stage: RelationshipStage; stageReason: string } {
  if (running > 0) return { stage: 'active', stageReason: `${running} project(s) running` };
  const days = daysSinceLastEnd ?? 0;
  if (days > settings.lostAfterDays)
    return { stage: 'lost', stageReason: `no project running, the last ended ${days} days ago (lost after ${settings.lostAfterDays})` };
  if (completed === 0) return { stage: 'prospect', stageReason: `no project completed yet and none running; the last ended ${days} days ago` };
  if (days > settings.dormantAfterDays)
    return { stage: 'dormant', stageReason: `no project running, the last ended ${days} days ago (dormant after ${settings.dormantAfterDays})` };
  return { stage: 'active', stageReason: `no project running, the last ended ${days} days ago (within ${settings.dormantAfterDays})` };
}
