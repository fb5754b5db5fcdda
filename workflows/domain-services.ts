import { ApplicationFailure } from '@temporalio/workflow';
import {
  FailureType,
  type AuditEntry,
  type ChangeProposal,
  type CompiledStage,
  type FieldError,
  type PinnedDefinition,
  type ServiceStep,
  type SmartGoal,
  type StepResults,
  SYSTEM_ACTOR,
} from '@accord/contracts';
import { composeExpectationDocument, satisfactionScore, smartGoalProblems, stepsWithin } from '@accord/domain';
import { activities } from './activities.proxy';
import { customerAnalytics } from './services/customer-analytics';
import { computeMetrics } from './services/metric-readings';
import { documentExpectations, resultOf, signaturesOf, stepArgument } from './services/step-results';

/** What a domain service step sees of its stage. */
export interface ServiceContext {
  projectId: string;
  /** The stage workflow the step runs in. */
  workflowId: string;
  stage: CompiledStage;
  definition: PinnedDefinition;
  /** Results of every step so far, earlier stages' included. */
  results: StepResults;
  /** Identifies this run of the step: audit ids and version sources derive from it. */
  key: string;
  audit: (id: string, fields: Omit<AuditEntry, 'id' | 'projectId' | 'at'>) => AuditEntry;
  /** The last progress table metrics were computed from, so that an unchanged table is not read again. */
  lastProgress: { json?: string };
}

/**
 * The SMART check for a task whose goals a `publish-baseline` step will publish: it runs
 * in the completion's validator, so goals that are not SMART never reach the signatures.
 */
export function smartGoalCheck(stage: CompiledStage, stepId: string, results: StepResults): ((data: Record<string, unknown>) => FieldError[]) | undefined {
  const publisher = stepsWithin(stage.steps).find(
    (step): step is ServiceStep => step.type === 'service' && step.action === 'publish-baseline' && step.with.goals === stepId,
  );
  if (!publisher) return undefined;
  return (data) =>
    smartGoalProblems((data.goals as SmartGoal[]) ?? [], {
      expectations: documentExpectations(results, stepArgument(publisher.with, 'document')),
      today: new Date().toISOString().slice(0, 10),
    });
}

/**
 * Runs a domain service step (R-EXP, R-REV): publishes the expectation document or a baseline,
 * computes metrics and tells the project of a breach, records KPIs and incentives, and tells
 * the customer record what a review stage established.
 * Returns what the step leaves in its result for later steps and conditions.
 */
export async function runDomainService(step: ServiceStep, context: ServiceContext): Promise<Record<string, unknown>> {
  const { projectId, key } = context;
  const args = step.with;
  const at = new Date().toISOString();
  switch (step.action) {
    case 'write-expectation-document': {
      const content = composeExpectationDocument(context.results, {
        intake: (args.intake as string[] | undefined) ?? [],
        analysis: stepArgument(args, 'analysis'),
        document: stepArgument(args, 'document')!,
      });
      const { version, changes } = await activities.publishExpectationDocument({
        projectId,
        source: key,
        content,
        approvals: signaturesOf(context, stepArgument(args, 'approval')),
        at,
        audit: context.audit(`${key}:document`, {
          action: 'expectation-document.published',
          actor: SYSTEM_ACTOR,
          subject: step.id,
          detail: { expectations: content.expectations.length },
        }),
      });
      // The whole team reads the document it now shares (R-EXP-3).
      const roles = Object.entries(context.definition.compiled.roles).filter(([, role]) => !role.external);
      for (const [role] of roles) {
        await activities.enqueueNotification({
          id: `${key}:shared:${role}`,
          projectId,
          kind: 'message',
          recipient: { role },
          subject: `Expectation document v${version} is published`,
          body: `Version ${version} of the expectation document of project ${projectId} is published${changes.length > 0 ? ` with ${changes.length} changes` : ''}.`,
          at,
        });
      }
      return { version, changes: changes.length, expectations: content.expectations.map((expectation) => expectation.title) };
    }
    case 'publish-baseline': {
      const goals = (resultOf(context, stepArgument(args, 'goals'))?.data.goals as SmartGoal[] | undefined) ?? [];
      const changeProposal = resultOf(context, stepArgument(args, 'change'))?.data as ChangeProposal | undefined;
      const signatures = signaturesOf(context, stepArgument(args, 'signatures'));
      const { version } = await activities.publishBaseline({
        projectId,
        source: key,
        goals,
        signatures,
        changeProposal,
        at,
        audit: context.audit(`${key}:baseline`, {
          action: 'baseline.published',
          actor: SYSTEM_ACTOR,
          subject: step.id,
          detail: { stage: context.stage.id, ...(changeProposal ? { change: changeProposal.trigger } : {}) },
        }),
      });
      // The deadlines go with the result, so the stage confirms each with the customer before it comes (cadence beforeDeadlines).
      return {
        version,
        goals: goals.length,
        signedBy: signatures.map((signature) => signature.by),
        deadlines: [...new Set(goals.map((goal) => goal.deadline))].sort(),
      };
    }
    case 'compute-metrics':
      return computeMetrics(step, context, at);
    case 'record-kpis': {
      const survey = resultOf(context, stepArgument(args, 'survey'))?.data as { overall: number; deliverables: number; service: number } | undefined;
      const verified = (resultOf(context, stepArgument(args, 'verification'))?.data.results as { goal: number; actual: number }[] | undefined) ?? [];
      if (survey) {
        await activities.recordMetricReadings({
          projectId,
          readings: [{ id: `${key}:satisfaction`, metric: 'satisfaction', value: satisfactionScore(survey), at, source: step.id, detail: { ...survey } }],
        });
      }
      const kpis = await activities.recordKpis({
        projectId,
        survey,
        verifications: verified,
        at,
        audit: context.audit(`${key}:kpis`, { action: 'kpis.recorded', actor: SYSTEM_ACTOR, subject: step.id, detail: {} }),
      });
      return { ...kpis };
    }
    case 'record-deviation-analysis': {
      const followUp = resultOf(context, stepArgument(args, 'followUp'));
      const lessons = resultOf(context, stepArgument(args, 'lessons'));
      const analysis = await activities.recordDeviationAnalysis({
        projectId,
        workflowId: context.workflowId,
        source: key,
        steps: {
          analysis: resultOf(context, stepArgument(args, 'analysis'))?.data ?? {},
          followUp: followUp && { data: followUp.data, by: followUp.by, at },
          replanned: resultOf(context, stepArgument(args, 'replan')) !== undefined,
          lessons: lessons?.data,
        },
        at,
        audit: context.audit(`${key}:deviation-analysis`, {
          action: 'deviation-analysis.recorded',
          actor: SYSTEM_ACTOR,
          subject: step.id,
          detail: { stage: context.stage.id },
        }),
      });
      return { status: analysis.status, followUps: analysis.followUps.length, replans: analysis.replans };
    }
    case 'incentive-recommendation': {
      const internalRoles = Object.entries(context.definition.compiled.roles)
        .filter(([, role]) => !role.external)
        .map(([role]) => role);
      const recommendations = await activities.recommendIncentives({
        projectId,
        internalRoles,
        at,
        audit: context.audit(`${key}:incentives`, { action: 'incentives.recommended', actor: SYSTEM_ACTOR, subject: step.id, detail: {} }),
      });
      return { recommendations: recommendations.map(({ member, level }) => ({ member, level })) };
    }
    case 'customer-analytics':
      return customerAnalytics(step, context, at);
    case 'assessment-report':
    case 'set-variables':
    case 'notify':
      // The stage runs set-variables and notify itself; the API refuses definitions using the others (runnableProblems).
      throw ApplicationFailure.nonRetryable(
        `Service action ${step.action} is not a domain service of this engine version (step ${step.id})`,
        FailureType.unsupported,
      );
    default: {
      const unknown: never = step.action;
      throw ApplicationFailure.nonRetryable(`Unknown service action ${String(unknown)}`, FailureType.unsupported);
    }
  }
}
