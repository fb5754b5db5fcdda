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
  stages: CompiledStage[];
}

export interface CompiledRole {
  name: string;
  /** External roles (the customer) sign and approve but never see internal tasks. */
  external: boolean;
}

export interface CompiledStage {
  id: string;
  name: string;
  steps: CompiledStep[];
}

export type CompiledStep = TaskStep | ApprovalStep | TimerStep;
export type StepType = CompiledStep['type'];

interface StepBase {
  id: string;
  name: string;
}

/** Whom a human task or an approval slot is offered to. */
export type Assignee = { role: string } | { user: string };

export interface TaskStep extends StepBase {
  type: 'task';
  assignee: Assignee;
  form?: string;
  /** Outcomes a completion may choose; the first is the default. */
  outcomes: string[];
  /** ISO 8601 duration after which the task is overdue. */
  due?: string;
}

export interface ApprovalStep extends StepBase {
  type: 'approval';
  policy: ApprovalPolicy;
  /** Optional form each approver fills in with the decision. */
  form?: string;
}

export interface TimerStep extends StepBase {
  type: 'timer';
  /** ISO 8601 duration, e.g. P30D. */
  duration: string;
}

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
