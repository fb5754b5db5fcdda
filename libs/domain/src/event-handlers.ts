import type { CompiledDefinition, StageHandler } from '@accord/contracts';

export type SignalHandler = Extract<StageHandler, { signal: string }>;
export type MetricHandler = Extract<StageHandler, { metric: string }>;

/**
 * The handlers heard while a stage runs (or between stages, `stageId` null): the stage's own
 * first, then the process's, so that a stage's handler of an event wins over the process's.
 */
export function handlersWhile(definition: Pick<CompiledDefinition, 'stages' | 'on'>, stageId: string | null): StageHandler[] {
  const stage = stageId === null ? undefined : definition.stages.find((candidate) => candidate.id === stageId);
  return [...(stage?.on ?? []), ...(definition.on ?? [])];
}

/** The handler that answers a signal while a stage runs, if any. */
export function signalHandlerWhile(definition: Pick<CompiledDefinition, 'stages' | 'on'>, stageId: string | null, signal: string): SignalHandler | undefined {
  return handlersWhile(definition, stageId).find((handler): handler is SignalHandler => 'signal' in handler && handler.signal === signal);
}

/** Every signal some stage or the process handles. */
export function handledSignals(definition: Pick<CompiledDefinition, 'stages' | 'on'>): Set<string> {
  const handlers = [...definition.stages.flatMap((stage) => stage.on), ...(definition.on ?? [])];
  return new Set(handlers.flatMap((handler) => ('signal' in handler ? [handler.signal] : [])));
}
