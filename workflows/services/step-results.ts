import type { Signature, StepResults } from '@accord/contracts';
import { stepsWithin } from '@accord/domain';
import type { ServiceContext } from '../domain-services';

type Arguments = Record<string, unknown>;
/** A step argument that names something (a step, a form), when the definition gave a string. */
export const stepArgument = (args: Arguments, name: string) => (typeof args[name] === 'string' ? (args[name] as string) : undefined);

/** The result a step left; for a cadence, that of its latest occurrence. */
export function resultOf(context: ServiceContext, id: string | undefined) {
  if (id === undefined) return undefined;
  const step = stepsWithin(context.definition.compiled.stages.flatMap((stage) => stage.steps)).find((candidate) => candidate.id === id);
  return context.results[step?.type === 'cadence' ? step.step.id : id];
}

/** Who decided each slot of an approval step, as its result recorded them. */
export function signaturesOf(context: ServiceContext, id: string | undefined): Signature[] {
  return ((resultOf(context, id)?.data.signatures as Signature[] | undefined) ?? []).filter((signature) => signature.decision === 'approve');
}

/** Titles of the expectations in the document a step published. */
export function documentExpectations(results: StepResults, documentStep: string | undefined): string[] | undefined {
  return documentStep ? (results[documentStep]?.data.expectations as string[] | undefined) : undefined;
}
