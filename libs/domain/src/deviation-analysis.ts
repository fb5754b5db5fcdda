import {
  type CorrectiveAction,
  DEVIATION_CAUSE_CATEGORIES,
  type DeviationAnalysis,
  type DeviationAnalysisStatus,
  type DeviationCauseCategory,
  type FollowUpCheck,
} from '@accord/contracts';

/** What the steps of a deviation analysis decided so far, as a `record-deviation-analysis` step reads them. */
export interface DeviationAnalysisSteps {
  /** The analysis task's data: `causes: [{ category, cause }]`, `correctiveActions: [{ action, owner, due }]`. */
  analysis: Record<string, unknown>;
  /** A follow-up check made since the last record: `effective`, `evidence`. */
  followUp?: { data: Record<string, unknown>; by: string; at: string };
  /** The record so far, if any. */
  before?: DeviationAnalysis;
  /** Whether this record follows a re-plan of the schedule. */
  replanned: boolean;
  /** The lessons task's data once it is done: `lessons: string[]`. */
  lessons?: Record<string, unknown>;
}

/** A cause matrix with nothing in it yet: every category, empty. */
export function noCauses(): Record<DeviationCauseCategory, string[]> {
  return Object.fromEntries(DEVIATION_CAUSE_CATEGORIES.map((category) => [category, [] as string[]])) as Record<DeviationCauseCategory, string[]>;
}

/**
 * The deviation analysis as it stands after a step (R-EXP-7): causes grouped by category
 * (the cause matrix), the corrective actions with owners, every follow-up check in order,
 * how often the schedule was re-planned, and the lessons learned that close it.
 */
export function composeDeviationAnalysis(steps: DeviationAnalysisSteps): DeviationAnalysis {
  const causes = noCauses();
  for (const { category, cause } of (steps.analysis.causes as { category: DeviationCauseCategory; cause: string }[] | undefined) ?? []) {
    if (causes[category]) causes[category].push(cause);
  }
  const followUps: FollowUpCheck[] = [...(steps.before?.followUps ?? [])];
  if (steps.followUp) {
    followUps.push({
      effective: steps.followUp.data.effective === true,
      evidence: String(steps.followUp.data.evidence ?? ''),
      checkedBy: steps.followUp.by,
      at: steps.followUp.at,
    });
  }
  const lessons = (steps.lessons?.lessons as string[] | undefined) ?? [];
  const last = followUps.at(-1);
  return {
    causes,
    correctiveActions: (steps.analysis.correctiveActions as CorrectiveAction[] | undefined) ?? [],
    followUps,
    replans: (steps.before?.replans ?? 0) + (steps.replanned ? 1 : 0),
    lessons,
    status: steps.lessons ? 'closed' : !steps.replanned && last && !last.effective ? 're-planning' : 'actions-under-way',
  };
}

/** Where an analysis stands as people see it: `analysing` before its plan is approved, `abandoned` when it ended without being closed. */
export type DeviationAnalysisStanding = 'analysing' | 'abandoned' | DeviationAnalysisStatus;

/**
 * Where an analysis stands: its record says, unless its sub-process ended without closing it
 * (the plan rejected too often, the stage cancelled), or ended before records were kept.
 */
export function deviationAnalysisStanding(
  recorded: DeviationAnalysisStatus | undefined,
  subprocess: { ended: boolean; outcome: string | null },
): DeviationAnalysisStanding {
  if (recorded === 'closed') return 'closed';
  if (subprocess.ended) return subprocess.outcome === 'completed' ? 'closed' : 'abandoned';
  return recorded ?? 'analysing';
}
