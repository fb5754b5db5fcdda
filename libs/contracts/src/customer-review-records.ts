import type { AuditEntry } from './audit';
import type { Signature } from './expectation';

/**
 * The requirement specification a customer confirmed at the end of requirement analysis
 * (R-REV-1), as kept in their requirement history: the specification form's fields, what
 * the analysis gathered it from, and who confirmed it.
 */
export interface RequirementSpecification {
  functional: string[];
  performance: string[];
  quality: string[];
  budget: number | null;
  deadline: string | null;
  /** The form data of each step that gathered requirements (interviews, questionnaires, research), by step id. */
  gathered: Record<string, Record<string, unknown>>;
  /** The approvals that confirmed the specification. */
  confirmedBy: Signature[];
}

/** Input of recordCustomerRequirements: one new version of the customer's requirement specification. */
export interface CustomerRequirementsRecord {
  projectId: string;
  /** The step run that records it: the row's id, so a retry writes nothing twice. */
  source: string;
  specification: RequirementSpecification;
  /** Who wrote the specification. */
  recordedBy?: string;
  at: string;
  audit: AuditEntry;
}

/** What recordCustomerRequirements did: the version it wrote, or why it wrote none. */
export type CustomerRequirementsRecorded =
  { recorded: true; customer: string; version: number; standing?: CustomerStanding } | { recorded: false; reason: 'no-customer' };

/** What the customer feedback review of a project found (R-REV-5), as told to the customer's record. */
export interface CustomerReviewSummary {
  /** The satisfaction survey's answers, when the stage ran one. */
  survey?: Record<string, unknown>;
  /** Improvement actions planned, and whether their closing was approved. */
  improvementActions: { action: string; owner: string; due: string }[];
  improvementsClosed: boolean;
  /** The churn signals the definition names: the customer record's analyses read them. */
  churnSignals: string[];
}

/** Input of recordCustomerReview: the review of this project is complete for its customer. */
export interface CustomerReviewRecord {
  projectId: string;
  source: string;
  review: CustomerReviewSummary;
  at: string;
  audit: AuditEntry;
}

/** What recordCustomerReview did. */
export type CustomerReviewRecorded = { recorded: true; customer: string; standing?: CustomerStanding } | { recorded: false; reason: 'no-customer' };

/** The signal the engine raises in a project when its customer's churn warning turns on; definitions handle it like any other. */
export const CHURN_WARNING_SIGNAL = 'churn-warning';

/** Signals only the engine raises: the API refuses them from people. */
export const ENGINE_SIGNALS: readonly string[] = [CHURN_WARNING_SIGNAL];

/**
 * Where a project's customer stands after something about them was recorded (R-REV-7): the
 * class, value and churn score the customer record would show at that moment, and whether
 * this was the moment the churn warning turned on (which starts retention, once).
 */
export interface CustomerStanding {
  customerKey: string;
  /** e.g. `A/active`. */
  classLabel: string;
  contractValue: number | null;
  /** Satisfaction trend over the configured window. */
  satisfactionTrend: 'rising' | 'flat' | 'falling' | 'unknown';
  churnScore: number;
  churnThreshold: number;
  churnWarning: boolean;
  /** True only for the recording that turned the warning on; retried, it stays true. */
  crossed: boolean;
  /** The signals that counted, strongest first. */
  signals: { name: string; contribution: number; explanation: string }[];
  at: string;
}

/** A churn warning that turned on, told to the project: `evaluation` names the recording that crossed (ids derive from it). */
export interface ChurnCrossing {
  standing: CustomerStanding;
  evaluation: string;
}
