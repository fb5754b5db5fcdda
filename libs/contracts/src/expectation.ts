/** Where in the contract's life an expectation was heard (R-EXP-1). */
export type ExpectationPhase = 'presales' | 'contract' | 'implementation' | 'acceptance';

export type MaslowLevel = 'physiological' | 'safety' | 'social' | 'esteem' | 'self-actualisation';
export const MASLOW_LEVELS: readonly MaslowLevel[] = ['physiological', 'safety', 'social', 'esteem', 'self-actualisation'];
export type KanoClass = 'basic' | 'performance' | 'excitement';
export const KANO_CLASSES: readonly KanoClass[] = ['basic', 'performance', 'excitement'];
export type FishboneCategory = 'people' | 'machine' | 'material' | 'method' | 'environment';

/** One customer expectation as recorded on a channel, with its analysis once done (R-EXP-1, R-EXP-2). */
export interface Expectation {
  title: string;
  category: string;
  phase: string;
  channel: string;
  source?: string;
  detail?: string;
  keyDate?: string;
  /** The step whose task recorded it. */
  recordedIn: string;
  recordedBy: string;
  analysis?: { maslow: MaslowLevel; kano: KanoClass; fishbone: { category: FishboneCategory; cause: string }[] };
}

/** The expectation document shared with the whole team (R-EXP-3); each publication is a new version. */
export interface ExpectationDocument {
  customer: string;
  background: string;
  objectives: string;
  requirementPoints: string[];
  keyDates: { milestone: string; date: string }[];
  qualityExpectations?: string;
  acceptanceExpectations?: string;
  /** Contract-negotiation concerns heard on the channels. */
  concerns: string[];
  expectations: Expectation[];
}

/** One change between two versions of a document: `path` as `expectations[Go live].kano`. */
export interface DocumentChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

export type GoalKind = 'deliverable' | 'milestone' | 'quality-standard' | 'acceptance-condition';

/** A SMART goal (R-EXP-5). `direction` says whether reaching the target means at least or at most it. */
export interface SmartGoal {
  kind: GoalKind;
  specific: string;
  metric: string;
  target: number;
  unit: string;
  direction?: 'at-least' | 'at-most';
  achievability: string;
  expectations: string[];
  deadline: string;
}

/** Who signed an approval slot, how, and when. */
export interface Signature {
  approver: string;
  by: string;
  decision: 'approve' | 'reject';
  /** When the slot was decided; absent from signatures recorded before workflows kept it. */
  at?: string;
}

/** What a change request proposed (R-EXP-8), carried by the baseline it produced. */
export interface ChangeProposal {
  trigger: string;
  reason: string;
  changedItems: string[];
  impact: { cost: number; scheduleDays: number; resources: string };
  contingency?: string;
}

/** Signals whose events are customer feedback and complaints, as the shipped definitions name them. */
export const FEEDBACK_SIGNALS: readonly string[] = ['feedback', 'complaint'];
export const COMPLAINT_SIGNAL = 'complaint';
/** The signal that starts the adjust sub-process (R-EXP-8). */
export const CHANGE_REQUEST_SIGNAL = 'change-request';

/** A metric the engine reads: the breach of a stage's `on: metric` handler starts a sub-process. */
export type MetricName = 'schedule_deviation' | 'non_conformity_rate' | 'satisfaction';
export const METRIC_NAMES: readonly MetricName[] = ['schedule_deviation', 'non_conformity_rate', 'satisfaction'];

/** One reading of a metric at a moment (ratios as fractions: 0.12 is 12%). */
export interface MetricReading {
  metric: MetricName;
  value: number;
  at: string;
  /** Where the reading came from: the step that computed it, or the caller who posted it. */
  source: string;
}

/** Readings someone measured (inspection counts, a survey) and posted, with what they were computed from. */
export interface PostedReadings {
  readings: { metric: MetricName; value: number; detail: Record<string, unknown> }[];
  postedBy: string;
  /** The client's request id: the readings' ids derive from it, so a retry records nothing twice. */
  requestId: string;
}

/** Why a project refuses posted readings: the API answers each with its own code. */
export const READINGS_REFUSAL = {
  ended: 'the project has ended',
  betweenStages: 'the project is between stages: try again in a moment',
  empty: 'no readings to record',
} as const;

/** Where posted readings went: the stage that checks them against its thresholds. */
export interface PostedReadingsResult {
  stage: string;
  readings: number;
}

/** A reading beyond a stage handler's threshold, as the stage tells its project. */
export interface MetricBreach {
  metric: MetricName;
  value: number;
  threshold: { above?: number; below?: number };
  at: string;
  /** The on-demand stage that analyses it. */
  start: string;
}

/** One row of the progress tracking table (R-EXP-6). */
export interface ProgressRow {
  phase: string;
  task: string;
  owner: string;
  due: string;
  plannedPercent: number;
  actualPercent: number;
}

/** Where causes of a deviation are looked for (R-EXP-7's cause matrix). */
export type DeviationCauseCategory = 'people' | 'technology' | 'resources' | 'process' | 'environment';
export const DEVIATION_CAUSE_CATEGORIES: readonly DeviationCauseCategory[] = ['people', 'technology', 'resources', 'process', 'environment'];

export interface CorrectiveAction {
  action: string;
  owner: string;
  due: string;
}

/** One check of whether the corrective actions worked. */
export interface FollowUpCheck {
  effective: boolean;
  evidence: string;
  checkedBy: string;
  /** When the check was recorded: by the step that follows it, so within moments of it. */
  at: string;
}

export type DeviationAnalysisStatus = 'actions-under-way' | 're-planning' | 'closed';

/** A deviation analysis as it stands (R-EXP-7): causes by category, actions, their checks, lessons. */
export interface DeviationAnalysis {
  causes: Record<DeviationCauseCategory, string[]>;
  correctiveActions: CorrectiveAction[];
  followUps: FollowUpCheck[];
  /** How many times the schedule was re-planned after an ineffective check. */
  replans: number;
  lessons: string[];
  status: DeviationAnalysisStatus;
}

/** The project's KPIs at close (R-EXP-10); ratios as fractions, absent where nothing was measured. */
export interface ProjectKpis {
  satisfactionScore?: number;
  goalsSet: number;
  goalsMet: number;
  goalsMetRatio?: number;
  scheduleDeviation?: number;
  nonConformityRate?: number;
  feedbackItems: number;
  feedbackResponseHours?: number;
  complaints: number;
  deviationBreaches: number;
  changeRequests: number;
}

export type IncentiveLevel = 'reward' | 'standard' | 'coaching';

/** An incentive recommendation for one team member, with the figures behind it. */
export interface IncentiveRecommendation {
  member: string;
  roles: string[];
  tasksCompleted: number;
  onTimeRatio?: number;
  level: IncentiveLevel;
  reason: string;
}
