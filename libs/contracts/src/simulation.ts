import type { CustomerStanding } from './customer-review-records';
import type { FieldError } from './task';
import type { ProjectKpis } from './expectation';
import type { TimelineEntry } from './timeline';

/** Where a simulation job stands: queued, then running, then one of the three ends. */
export type SimulationJobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export const SIMULATION_JOB_STATUSES: readonly SimulationJobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

/** What a simulated project did: its dated timeline, its KPIs and how it ended. */
export interface SimulationOutcome {
  timeline: TimelineEntry[];
  /** The project's KPIs, and where its customer stands at the end when the script names one. */
  kpis: ProjectKpis & { customer?: Omit<CustomerStanding, 'crossed'> };
  /** Whether the project ended within the months simulated, and how. */
  outcome: 'completed' | 'rejected' | 'running';
  days: number;
  /** The definition's business time zone, in which people read the dates. */
  timezone: string;
  /** Answers the engine refused (invalid form data…): a script to fix, or a rule at work. */
  refused: { stepId: string; day: number; message: string }[];
}

/** Why a simulation job failed: the input's problems with their paths, or what stopped the run. */
export interface SimulationFailure {
  message: string;
  /** Which document the problems are in, when the input was at fault. */
  source?: 'definition' | 'script';
  problems?: FieldError[];
}
