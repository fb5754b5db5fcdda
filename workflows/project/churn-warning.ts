import { CHURN_WARNING_SIGNAL, type ChurnCrossing, SYSTEM_ACTOR } from '@accord/contracts';
import { activities } from '../activities.proxy';
import type { ProjectRun } from './project-run';
import { startSubprocess } from './subprocesses';

/**
 * The customer's churn warning turned on with something this project recorded: the
 * definition's `churn-warning` handler starts retention, recorded as an event like any
 * other; without one, the audit trail still says so. Only the recording that crossed
 * tells a project, so a warning that stays on starts nothing more.
 */
export async function raiseChurnWarning(project: ProjectRun, { standing, evaluation }: ChurnCrossing): Promise<void> {
  const handler = project.handlerFor(CHURN_WARNING_SIGNAL);
  const data = {
    customerKey: standing.customerKey,
    churnScore: standing.churnScore,
    churnThreshold: standing.churnThreshold,
    classLabel: standing.classLabel,
    signals: standing.signals,
  };
  if (project.state.status !== 'running' || !handler) {
    await activities.recordAudit(
      project.audit(`churn:${evaluation}`, {
        action: 'customer.churn-warning',
        actor: SYSTEM_ACTOR,
        subject: standing.customerKey,
        detail: { ...data, during: project.state.currentStage ?? null, starts: null },
      }),
    );
    return;
  }
  await startSubprocess(project, {
    kind: 'signal',
    name: CHURN_WARNING_SIGNAL,
    data,
    raisedBy: SYSTEM_ACTOR,
    requestId: `churn:${evaluation}`,
    start: handler.start,
  });
}
