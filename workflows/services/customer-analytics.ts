import { type CustomerReviewSummary, type RequirementSpecification, type ServiceStep, SYSTEM_ACTOR } from '@accord/contracts';
import { stepsWithin } from '@accord/domain';
import { activities } from '../activities.proxy';
import type { ServiceContext } from '../domain-services';
import { tellChurnWarning } from './churn-warning';
import { resultOf, signaturesOf, stepArgument } from './step-results';

/**
 * Tells the project's customer record what this stage established (R-REV-7): with `record: <form>`,
 * the confirmed requirement specification as the customer's next requirement version; with
 * `churnSignals`, that the feedback review is complete. The analyses (classification, value,
 * churn) are the record's to compute when read. A project without a customer records nothing
 * and says so in the result: the project goes on.
 */
export async function customerAnalytics(step: ServiceStep, context: ServiceContext, at: string): Promise<Record<string, unknown>> {
  const { projectId, key } = context;
  const form = stepArgument(step.with, 'record');
  const stageSteps = stepsWithin(context.stage.steps);
  if (form !== undefined) {
    const specifying = stageSteps.find((candidate) => candidate.type === 'task' && candidate.form === form);
    const written = resultOf(context, specifying?.id);
    const fields = written?.data ?? {};
    const gathered = Object.fromEntries(
      stageSteps.flatMap((candidate) => {
        const result = candidate.type === 'task' && candidate.id !== specifying?.id ? resultOf(context, candidate.id) : undefined;
        return result ? [[candidate.id, result.data]] : [];
      }),
    );
    const specification: RequirementSpecification = {
      functional: (fields.functional as string[] | undefined) ?? [],
      performance: (fields.performance as string[] | undefined) ?? [],
      quality: (fields.quality as string[] | undefined) ?? [],
      budget: typeof fields.budget === 'number' ? fields.budget : null,
      deadline: typeof fields.deadline === 'string' ? fields.deadline : null,
      gathered,
      confirmedBy: stageSteps.filter((candidate) => candidate.type === 'approval').flatMap((approval) => signaturesOf(context, approval.id)),
    };
    const recorded = await activities.recordCustomerRequirements({
      projectId,
      source: key,
      specification,
      ...(written ? { recordedBy: written.by } : {}),
      at,
      audit: context.audit(`${key}:customer-requirements`, {
        action: 'customer-requirements.recorded',
        actor: SYSTEM_ACTOR,
        subject: step.id,
        detail: { stage: context.stage.id, form },
      }),
    });
    if (recorded.recorded && recorded.standing?.crossed) await tellChurnWarning(projectId, { standing: recorded.standing, evaluation: key });
    return { ...recorded };
  }
  // What the feedback review found, read by shape so that a definition's own form names serve too.
  const taskResults = stageSteps
    .flatMap((candidate) => (candidate.type === 'task' ? [resultOf(context, candidate.id)?.data] : []))
    .filter((data) => data !== undefined);
  const survey = taskResults.find((data) => typeof data.overall === 'number');
  const approvals = stageSteps.filter((candidate) => candidate.type === 'approval').map((approval) => resultOf(context, approval.id));
  const review: CustomerReviewSummary = {
    ...(survey ? { survey } : {}),
    improvementActions: taskResults.flatMap((data) => (Array.isArray(data.actions) ? (data.actions as CustomerReviewSummary['improvementActions']) : [])),
    improvementsClosed: approvals.length > 0 && approvals.every((approval) => approval?.outcome === 'approve'),
    churnSignals: Array.isArray(step.with.churnSignals) ? (step.with.churnSignals as string[]) : [],
  };
  const recorded = await activities.recordCustomerReview({
    projectId,
    source: key,
    review,
    at,
    audit: context.audit(`${key}:customer-review`, {
      action: 'customer-review.recorded',
      actor: SYSTEM_ACTOR,
      subject: step.id,
      detail: { stage: context.stage.id },
    }),
  });
  if (recorded.recorded && recorded.standing?.crossed) await tellChurnWarning(projectId, { standing: recorded.standing, evaluation: key });
  return { ...recorded, ...review };
}
