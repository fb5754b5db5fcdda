import type { CompiledStep } from '@accord/contracts';
import type { StageRun } from '../stage/stage-run';

/** Where a stage goes after a step: the next step, a step named by a gate or a rework, the end, or nowhere (rejected). */
export type StepOutcome = 'next' | 'rejected' | 'end' | { goto: string };

/** Runs one step of a kind in a stage run; each step kind has one, in a module of its own. */
export type StepRunner<Kind extends CompiledStep['type']> = (stage: StageRun, step: Extract<CompiledStep, { type: Kind }>) => Promise<StepOutcome>;
