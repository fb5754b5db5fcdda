import type { CompiledDefinition, CompiledStep } from '@accord/contracts';

/** A step of a definition as the diagram draws it: one node, addressed by `<stage>/<step>`. */
export interface DiagramStep {
  path: string;
  stage: string;
  step: string;
  /** The parallel step whose branch holds it, when it is inside one. */
  parallel?: string;
  /** The step ids whose tasks count as this node's: a cadence owns the step it repeats. */
  taskSteps: string[];
  type: CompiledStep['type'];
}

/** The path the diagram gives a step: unique, since step ids are unique within a stage. */
export const stepPath = (stage: string, step: string): string => `${stage}/${step}`;

/** Every step of every stage, branches included, in the order the definition lists them. */
export function diagramSteps(definition: CompiledDefinition): DiagramStep[] {
  const steps: DiagramStep[] = [];
  const visit = (stage: string, list: CompiledStep[], parallel?: string) => {
    for (const step of list) {
      const taskSteps = step.type === 'cadence' ? [step.id, ...(step.step.id ? [step.step.id] : [])] : [step.id];
      steps.push({ path: stepPath(stage, step.id), stage, step: step.id, type: step.type, taskSteps, ...(parallel ? { parallel } : {}) });
      if (step.type === 'parallel') for (const branch of step.branches) visit(stage, branch.steps, step.id);
    }
  };
  for (const stage of definition.stages) visit(stage.id, stage.steps);
  return steps;
}

/** The diagram path a task of this stage and step counts on (a cadence's occurrences count on the cadence). */
export function taskPaths(definition: CompiledDefinition): Map<string, string> {
  const paths = new Map<string, string>();
  for (const step of diagramSteps(definition)) for (const taskStep of step.taskSteps) paths.set(stepPath(step.stage, taskStep), step.path);
  return paths;
}
