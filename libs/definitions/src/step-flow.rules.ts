import { END_OF_STAGE } from '@accord/contracts';
import { DefinitionErrorCode as Code } from './definition-error';
import { ErrorSink, isObject, type Path } from './error-sink';

/**
 * Flow checks for one list of steps: steps run in order, a gate jumps to its routes'
 * targets or its default, an approval's rework jumps back. Every step must be reachable
 * from the first, and every reachable step must be able to reach the end of the list.
 */
export function checkStepFlow(sink: ErrorSink, steps: unknown[], path: Path): void {
  const end = steps.length;
  const indexOf = new Map<string, number>();
  steps.forEach((step, index) => {
    if (isObject(step) && typeof step.id === 'string' && !indexOf.has(step.id)) indexOf.set(step.id, index);
  });
  const target = (id: unknown) => (id === END_OF_STAGE ? end : typeof id === 'string' ? indexOf.get(id) : undefined);
  const successors = (index: number): number[] => {
    const step = steps[index];
    if (!isObject(step)) return [index + 1];
    if (step.type === 'gate') {
      const routes = Array.isArray(step.routes) ? step.routes : [];
      return [...routes.map((route) => (isObject(route) ? target(route.goto) : undefined)), target(step.default)].filter(
        (next): next is number => next !== undefined,
      );
    }
    const rework = isObject(step.onReject) ? target(step.onReject.rework) : undefined;
    return rework === undefined ? [index + 1] : [index + 1, rework];
  };

  const reachable = new Set<number>();
  const queue = steps.length > 0 ? [0] : [];
  while (queue.length > 0) {
    const index = queue.pop()!;
    if (reachable.has(index) || index === end) continue;
    reachable.add(index);
    queue.push(...successors(index));
  }
  steps.forEach((step, index) => {
    if (!reachable.has(index)) sink.add(Code.UNREACHABLE_STEP, [...path, index], `step ${describe(step, index)} can never run: no step before it leads to it`);
  });

  // Backwards from the end along reversed edges, which steps can finish the list: each edge once
  // (repeating passes until nothing changed took a pass per step of a long list).
  const predecessors = new Map<number, number[]>();
  for (const index of reachable) {
    for (const next of successors(index)) {
      const into = predecessors.get(next);
      if (into) into.push(index);
      else predecessors.set(next, [index]);
    }
  }
  const finishes = new Set<number>([end]);
  const unwinding = [end];
  while (unwinding.length > 0) {
    for (const previous of predecessors.get(unwinding.pop()!) ?? []) {
      if (!finishes.has(previous)) {
        finishes.add(previous);
        unwinding.push(previous);
      }
    }
  }
  for (const index of reachable) {
    const step = steps[index];
    // Only a gate can jump backwards, so a loop with no way out is always a gate's doing.
    if (!finishes.has(index) && isObject(step) && step.type === 'gate') {
      sink.add(Code.CYCLE_WITHOUT_EXIT, [...path, index], `gate ${describe(step, index)} loops with no route that ever reaches the end of the stage`);
    }
  }
}

function describe(step: unknown, index: number): string {
  return isObject(step) && typeof step.id === 'string' ? `"${step.id}"` : `#${index}`;
}
