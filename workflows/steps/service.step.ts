import { ApplicationFailure } from '@temporalio/workflow';
import { type Assignee, type ServiceStep, SYSTEM_ACTOR } from '@accord/contracts';
import { activities } from '../activities.proxy';
import { runDomainService } from '../domain-services';
import type { StageRun } from '../stage/stage-run';
import type { StepRunner } from './step-runner';

/** A named domain action, run by the engine: its result is recorded like a person's. */
export const serviceStep: StepRunner<'service'> = async (stage, step) => {
  await runService(stage, step);
  return 'next';
};

/** A named domain action; set-variables changes what later conditions see, notify sends a message. */
export async function runService(stage: StageRun, step: ServiceStep): Promise<void> {
  const { projectId, workflowId, variables } = stage;
  const at = new Date().toISOString();
  const key = `${workflowId}/${step.id}:${stage.iterations.get(step.id) ?? 1}`;
  switch (step.action) {
    case 'set-variables':
      Object.assign(variables, step.with);
      await activities.recordAudit(
        stage.audit(`${key}:variables`, { action: 'variables.set', actor: SYSTEM_ACTOR, subject: step.id, detail: { ...step.with } }),
      );
      await stage.shareWithCadences({ variables: { ...variables } });
      break;
    case 'notify': {
      const { to, subject, body } = step.with as { to: Assignee; subject: string; body?: string };
      await activities.enqueueNotification({ id: `${key}:notify`, projectId, kind: 'message', recipient: to, subject, body: body ?? subject, at });
      break;
    }
    case 'assessment-report':
      // The API refuses to start projects using this action (runnableProblems).
      throw ApplicationFailure.nonRetryable(`Service action ${step.action} cannot run on this engine version yet (step ${step.id})`);
    default: {
      const { stage: compiledStage, definition, results, lastProgress } = stage;
      const audit = stage.audit.bind(stage);
      const data = await runDomainService(step, { projectId, workflowId, stage: compiledStage, definition, results, key, audit, lastProgress });
      await stage.record(step.id, { outcome: 'done', data, by: SYSTEM_ACTOR });
      return;
    }
  }
  await stage.record(step.id, { outcome: 'done', data: { ...step.with }, by: SYSTEM_ACTOR });
}
