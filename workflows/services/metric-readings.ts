import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { type MetricName, type MetricReading, metricBreachedSignal, type ProgressRow, projectWorkflowId, type ServiceStep } from '@accord/contracts';
import { handlersWhile, isBreach, nonConformityRate, scheduleDeviation } from '@accord/domain';
import { activities } from '../activities.proxy';
import type { ServiceContext } from '../domain-services';
import { tellChurnWarning } from './churn-warning';
import { resultOf, stepArgument } from './step-results';

export type RecordedReading = MetricReading & { id: string; detail: Record<string, unknown> };

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
export async function computeMetrics(step: ServiceStep, context: ServiceContext, at: string): Promise<Record<string, unknown>> {
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
