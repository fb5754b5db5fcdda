import type { CompiledDefinition, StageHandler } from '@accord/contracts';

/**
 * A signal handler, with who may raise the signal through the API (roles of the project, any
 * member when absent) and the form its data must fit, each only when the definition declares it.
 */
export type SignalHandler = Extract<StageHandler, { signal: string }> & { raisedBy?: string[]; form?: string };
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
  return new Set(everyHandler(definition).flatMap((handler) => ('signal' in handler ? [handler.signal] : [])));
}

/** Who may raise a signal and the form of its data, as its handlers declare them (the validator makes them all agree). */
export function signalDeclaration(definition: Pick<CompiledDefinition, 'stages' | 'on'>, signal: string): Pick<SignalHandler, 'raisedBy' | 'form'> | undefined {
  const handler = everyHandler(definition).find((candidate): candidate is SignalHandler => 'signal' in candidate && candidate.signal === signal);
  return handler && { raisedBy: handler.raisedBy, form: handler.form };
}

const everyHandler = (definition: Pick<CompiledDefinition, 'stages' | 'on'>): StageHandler[] => [
  ...definition.stages.flatMap((stage) => stage.on),
  ...(definition.on ?? []),
];
