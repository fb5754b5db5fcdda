import { ApplicationFailure, getExternalWorkflowHandle } from '@temporalio/workflow';
import {
  FailureType,
  type AuditEntry,
  type ChangeProposal,
  type ChurnCrossing,
  churnWarningSignal,
  type CompiledStage,
  type CustomerReviewSummary,
  type FieldError,
  type MetricName,
  type MetricReading,
  metricBreachedSignal,
  projectWorkflowId,
  type PinnedDefinition,
  type ProgressRow,
  type RequirementSpecification,
  type ServiceStep,
  type Signature,
  type SmartGoal,
  type StepResults,
  SYSTEM_ACTOR,
} from '@accord/contracts';
import {
  composeExpectationDocument,
  handlersWhile,
  isBreach,
  nonConformityRate,
  satisfactionScore,
  scheduleDeviation,
  smartGoalProblems,
  stepsWithin,
} from '@accord/domain';
import { activities } from './activities.proxy';

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

type Arguments = Record<string, unknown>;
const stepArgument = (args: Arguments, name: string) => (typeof args[name] === 'string' ? (args[name] as string) : undefined);

/** The result a step left; for a cadence, that of its latest occurrence. */
function resultOf(context: ServiceContext, id: string | undefined) {
  if (id === undefined) return undefined;
  const step = stepsWithin(context.definition.compiled.stages.flatMap((stage) => stage.steps)).find((candidate) => candidate.id === id);
  return context.results[step?.type === 'cadence' ? step.step.id : id];
}

/** Who decided each slot of an approval step, as its result recorded them. */
function signaturesOf(context: ServiceContext, id: string | undefined): Signature[] {
  return ((resultOf(context, id)?.data.signatures as Signature[] | undefined) ?? []).filter((signature) => signature.decision === 'approve');
}

/** Titles of the expectations in the document a step published. */
function documentExpectations(results: StepResults, documentStep: string | undefined): string[] | undefined {
  return documentStep ? (results[documentStep]?.data.expectations as string[] | undefined) : undefined;
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

/**
 * Tells the project's customer record what this stage established (R-REV-7): with `record: <form>`,
 * the confirmed requirement specification as the customer's next requirement version; with
 * `churnSignals`, that the feedback review is complete. The analyses (classification, value,
 * churn) are the record's to compute when read. A project without a customer records nothing
 * and says so in the result: the project goes on.
 */
async function customerAnalytics(step: ServiceStep, context: ServiceContext, at: string): Promise<Record<string, unknown>> {
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

type RecordedReading = MetricReading & { id: string; detail: Record<string, unknown> };

/** The project starts retention for a churn warning that what this stage recorded turned on. */
async function tellChurnWarning(projectId: string, crossing: ChurnCrossing): Promise<void> {
  await getExternalWorkflowHandle(projectWorkflowId(projectId)).signal(churnWarningSignal, crossing);
}

/**
 * Records readings and checks them against the stage's metric handlers (R-EXP-7). A reading
 * beyond a handler's threshold, where the reading of that metric before it was not, tells
 * the project, which starts the handler's analysis: readings that stay beyond while the
 * analysis runs start nothing more, and one back within bounds re-arms the handler. The
 * reading before comes from the read model, so the rule holds across continue-as-new and
 * between a stage and its cadence workflows.
 */
export async function takeReadings(readings: RecordedReading[], context: Pick<ServiceContext, 'projectId' | 'stage' | 'definition'>): Promise<void> {
  const { previous, standing } = await activities.recordMetricReadings({ projectId: context.projectId, readings });
  if (standing?.crossed) await tellChurnWarning(context.projectId, { standing, evaluation: readings[0].id });
  for (const handler of handlersWhile(context.definition.compiled, context.stage.id)) {
    if (!('metric' in handler)) continue;
    const reading = readings.find((candidate) => candidate.metric === handler.metric);
    if (!reading) continue;
    const threshold = { ...(handler.above === undefined ? {} : { above: handler.above }), ...(handler.below === undefined ? {} : { below: handler.below }) };
    const before = previous[reading.id];
    if (!isBreach(reading.metric, reading.value, threshold) || (before !== null && before !== undefined && isBreach(reading.metric, before, threshold)))
      continue;
    await getExternalWorkflowHandle(projectWorkflowId(context.projectId)).signal(metricBreachedSignal, {
      metric: reading.metric,
      value: reading.value,
      threshold,
      at: reading.at,
      start: handler.start,
    });
  }
}

/**
 * Reads the latest progress table (R-EXP-7): schedule deviation, and the non-conformity
 * rate when it carries inspection counts; an unchanged table is not read again.
 */
async function computeMetrics(step: ServiceStep, context: ServiceContext, at: string): Promise<Record<string, unknown>> {
  const table = resultOf(context, stepArgument(step.with, 'progress'))?.data as { rows: ProgressRow[]; inspected?: number; nonConforming?: number } | undefined;
  const json = JSON.stringify(table);
  if (!table || json === context.lastProgress.json) return { readings: 0 };
  context.lastProgress.json = json;
  const values: Partial<Record<MetricName, number>> = {
    schedule_deviation: scheduleDeviation(table.rows),
    non_conformity_rate: table.inspected === undefined ? undefined : nonConformityRate(table.inspected, table.nonConforming ?? 0),
  };
  const readings: RecordedReading[] = Object.entries(values)
    .filter((entry): entry is [MetricName, number] => entry[1] !== undefined)
    .map(([metric, value]) => ({
      id: `${context.key}:${metric}`,
      metric,
      value,
      at,
      source: step.id,
      detail: metric === 'schedule_deviation' ? { rows: table.rows } : { inspected: table.inspected, nonConforming: table.nonConforming ?? 0 },
    }));
  await takeReadings(readings, context);
  return { readings: readings.length, ...Object.fromEntries(readings.map((reading) => [reading.metric, reading.value])) };
}
