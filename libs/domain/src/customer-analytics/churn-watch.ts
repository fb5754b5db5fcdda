import type { ChurnWarning } from './churn-warning';

/** What the engine remembers of a customer's churn warning between two evaluations. */
export interface ChurnWatchState {
  warning: boolean;
  /** The evaluation that last turned the warning on. */
  crossedBy: string | null;
}

/**
 * Whether this evaluation turns the customer's churn warning on. Only a change of state
 * counts: a warning that stays on crosses nothing, one that went off re-arms the watch. The
 * same evaluation asked again (an activity retried after it committed) gets the same answer.
 */
export function churnCrossing(
  before: ChurnWatchState | null,
  churn: Pick<ChurnWarning, 'warning'>,
  evaluation: string,
): { crossed: boolean; state: ChurnWatchState } {
  if (!churn.warning) return { crossed: false, state: { warning: false, crossedBy: before?.crossedBy ?? null } };
  if (before?.warning) return { crossed: before.crossedBy === evaluation, state: before };
  return { crossed: true, state: { warning: true, crossedBy: evaluation } };
}
