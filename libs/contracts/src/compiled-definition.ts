/**
 * The compiled form of a process definition: plain JSON that a project workflow
 * receives as input and interprets. Produced by `@accord/definitions`' compiler.
 */
export interface CompiledDefinition {
  key: string;
  name: string;
  description?: string;
  /** sha256 of the canonical JSON of everything below, so equal sources compare equal. */
  checksum: string;
  /** Roles allowed to start a project on this definition. */
  starters: string[];
  roles: Record<string, CompiledRole>;
  forms: Record<string, FormSchema>;
  calendar: BusinessCalendar;
  variables: Record<string, CompiledVariable>;
  stages: CompiledStage[];
  /** Events heard whatever stage runs; a stage's own handler of the same event comes first. Absent when none. */
  on?: StageHandler[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Working time for durations such as "3 working days". */
export interface BusinessCalendar {
  /** IANA time zone, e.g. Asia/Shanghai. */
  timezone: string;
  workdays: Weekday[];
  /** Non-working dates, YYYY-MM-DD in the calendar's time zone. */
  holidays: string[];
}

export const DEFAULT_CALENDAR: BusinessCalendar = { timezone: 'UTC', workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: [] };

export type VariableType = 'string' | 'number' | 'integer' | 'boolean' | 'date';

/** Process data that conditions read; set at project start or by steps. */
export interface CompiledVariable {
  type: VariableType;
  description?: string;
  default?: string | number | boolean;
}

/** An ISO 8601 duration (`P3D`), or working days on the definition's business calendar. */
export type Duration = string | { workdays: number };

export interface CompiledRole {
  name: string;
  /** External roles (the customer) sign and approve but never see internal tasks. */
  external: boolean;
}

export interface CompiledStage {
  id: string;
  name: string;
  /** `sequence` stages run in order; `on-demand` ones only when a handler or subprocess starts them. */
  trigger: 'sequence' | 'on-demand';
  /** CEL condition; a sequence stage whose condition is false is skipped. */
  when?: string;
  steps: CompiledStep[];
  /** Events that start another stage at any time while this one runs (besides the process's own handlers). */
  on: StageHandler[];
}

/** Starts a stage when a signal is raised, or when a metric reading crosses a threshold. */
export type StageHandler = { signal: string; start: string } | { metric: string; above?: number; below?: number; start: string };

export type CompiledStep = TaskStep | ApprovalStep | TimerStep | MeetingStep | CadenceStep | GateStep | ParallelStep | ServiceStep | SubprocessStep;
export type StepType = CompiledStep['type'];
export const STEP_TYPES: readonly StepType[] = ['task', 'approval', 'timer', 'meeting', 'cadence', 'gate', 'parallel', 'service', 'subprocess'];

interface StepBase {
  id: string;
  name: string;
  /** CEL condition; a step whose condition is false is skipped. */
  when?: string;
}

export type EscalationAction = 'remind' | 'reassign' | 'notify' | 'auto-decide';

/** One rung of an escalation ladder, counted from the moment the task opened. */
export interface Escalation {
  after: Duration;
  action: EscalationAction;
  /** Whom to reassign to or notify; a role means the project's members in that role (the role's pool when it has none). */
  to?: Assignee;
  /** For auto-decide: the outcome recorded. */
  outcome?: string;
}

/** Whom a human task or an approval slot is offered to. */
export type Assignee = { role: string } | { user: string };

export interface TaskStep extends StepBase {
  type: 'task';
  /** Who gets the task; with `assigneeFrom`, only when that names nobody. */
  assignee: Assignee;
  /** The user named in a field of an earlier step's data gets the task (feedback routed to an owner). */
  assigneeFrom?: { step: string; field: string };
  form?: string;
  /** Outcomes a completion may choose; the first is the default. */
  outcomes: string[];
  /** After this the task is overdue. */
  due?: Duration;
  priority: 'low' | 'normal' | 'high';
  escalations: Escalation[];
  /** The due date and escalations stop counting while the stage waits on an external role (the customer), like an SLA pause. */
  pauseWhileWaitingOnExternal: boolean;
}

export interface ApprovalStep extends StepBase {
  type: 'approval';
  policy: ApprovalPolicy;
  /** Optional form each approver fills in with the decision. */
  form?: string;
  /** A rejection sends the work back to an earlier step, at most `maxRounds` times; without it a rejection ends the stage. */
  onReject?: { rework: string; maxRounds: number };
  /** After this each open approver slot is overdue; absent in definitions compiled before approvals had it. */
  due?: Duration;
  /** What happens when approvers do not decide in time. */
  timeout?: { after: Duration; outcome: 'escalate' | 'approve' | 'reject'; to?: Assignee };
  escalations: Escalation[];
  /** As for tasks: each approver's clock stops while the stage waits on an external role. */
  pauseWhileWaitingOnExternal: boolean;
}

export interface TimerStep extends StepBase {
  type: 'timer';
  duration: Duration;
  /** Ends the wait early once this condition holds (a phase that lasts four weeks, unless tracking closes first). */
  until?: string;
}

/** A meeting: agenda, attendees, minutes recorded by the organizer, action items followed up. */
export interface MeetingStep extends StepBase {
  type: 'meeting';
  title: string;
  organizer: Assignee;
  attendees: Assignee[];
  agenda: string[];
  /** Form the minutes are recorded in. */
  minutesForm?: string;
  /** Whether action items (owner, due date) are recorded and followed to closure. */
  actionItems: boolean;
  /** After this the organizer's task of recording the meeting is overdue. */
  due?: Duration;
  /** The ladder of the organizer's task (remind, reassign, notify); absent in definitions compiled before meetings had it. */
  escalations?: Escalation[];
  /** As for tasks: the organizer's due date and escalations stop counting while the stage waits on an external role. */
  pauseWhileWaitingOnExternal?: boolean;
}

/**
 * A recurring step (meetings, reports) from `from` until `until` holds: every `every`, or
 * `beforeDeadlines.workdays` working days before each deadline of the baseline in force.
 */
export interface CadenceStep extends StepBase {
  type: 'cadence';
  every?: Duration;
  beforeDeadlines?: { workdays: number };
  /** What an `every` occurrence due on a weekend or holiday does: moves to the next working day (the default) or keeps its day. */
  onNonWorkingDay?: 'move' | 'keep';
  from?: string;
  /** A condition that ends the cadence, or a step of the stage whose completion ends it (another branch's delivery). */
  until: CadenceEnd;
  step: MeetingStep | TaskStep | ServiceStep;
}

/** When a cadence ends: a CEL condition, or `{ reached }` naming a step of the same stage, reached once it finishes (a gate once it routes). */
export type CadenceEnd = string | { reached: string };

/** Routing: the first route whose condition holds, else the default (`end` finishes the stage). */
export interface GateStep extends StepBase {
  type: 'gate';
  routes: { when: string; goto: string }[];
  default: string;
}

export interface ParallelStep extends StepBase {
  type: 'parallel';
  join: 'all' | 'any';
  branches: { id: string; name: string; steps: CompiledStep[] }[];
}

/** The domain actions a `service` step may run (`RUNNABLE_SERVICE_ACTIONS` in domain lists what runs today). */
export const SERVICE_ACTIONS = [
  'write-expectation-document',
  'publish-baseline',
  'compute-metrics',
  'record-kpis',
  'record-deviation-analysis',
  'assessment-report',
  'incentive-recommendation',
  'customer-analytics',
  'set-variables',
  'notify',
] as const;
export type ServiceAction = (typeof SERVICE_ACTIONS)[number];

export interface ServiceStep extends StepBase {
  type: 'service';
  action: ServiceAction;
  with: Record<string, unknown>;
}

/** Runs another stage of this definition, or another definition, as a child and waits for it. */
export type SubprocessStep = StepBase & { type: 'subprocess' } & ({ stage: string } | { definition: string; version?: number });

/** The step a gate's route names to finish the stage. */
export const END_OF_STAGE = 'end';

export type ApprovalKind = 'single' | 'sequential' | 'all' | 'any' | 'quorum';

export interface ApprovalPolicy {
  kind: ApprovalKind;
  approvers: Assignee[];
  /** For `quorum`: approvals needed (n of m = approvers.length). */
  quorum?: number;
}

export type ApprovalDecision = 'approve' | 'reject';
export const APPROVAL_OUTCOMES: readonly ApprovalDecision[] = ['approve', 'reject'];

/** The JSON-Schema subset forms are written in. */
export interface FormSchema {
  type: 'object';
  title?: string;
  properties: Record<string, FieldSchema>;
  required?: string[];
  additionalProperties?: boolean;
}

export type FieldSchema =
  | { type: 'string'; title?: string; enum?: string[]; minLength?: number; maxLength?: number; pattern?: string; format?: 'date' | 'date-time' | 'email' }
  | { type: 'number' | 'integer'; title?: string; minimum?: number; maximum?: number }
  | { type: 'boolean'; title?: string }
  | { type: 'array'; title?: string; items: FieldSchema; minItems?: number; maxItems?: number }
  | { type: 'object'; title?: string; properties: Record<string, FieldSchema>; required?: string[]; additionalProperties?: boolean };
