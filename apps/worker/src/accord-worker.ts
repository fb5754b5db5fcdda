import path from 'node:path';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { Context as ActivityContext } from '@temporalio/activity';
import { type ActivityInterceptors, NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { AccordActivities } from '@accord/activities';
import { type AccordTracing, workflowSpanProcessor } from '@accord/runtime';
import { ActivityOutcomeLogging } from './activity-logging';

// Compiled output mirrors the source layout, so the same relative path finds
// workflows/index.ts from sources and dist/workflows/index.js from a build.
const WORKFLOWS_DIR = path.resolve(__dirname, '../../../workflows');
const LIBS_DIR = path.resolve(WORKFLOWS_DIR, '../libs');
// Only the pure libraries: importing any other from workflow code fails the bundle.
const WORKFLOW_LIBS = ['contracts', 'approvals', 'domain'];

export interface AccordWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activities: AccordActivities;
  taskQueue: string;
  /** A prebuilt bundle (tests reuse one across workers); bundled from sources when absent. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /**
   * Traces workflows and activities (docs/observability.md#traces); absent, nothing is traced.
   * A prebuilt `workflowBundle` must then be bundled with `workflowInterceptorModules: [WORKFLOW_TRACING_INTERCEPTORS]`.
   */
  tracing?: AccordTracing;
}

/** Temporal's OpenTelemetry interceptors for workflow code: the only tracing code that goes into the workflow bundle. */
export const WORKFLOW_TRACING_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** Options that let Temporal's webpack resolve `@accord/*` imports inside workflow code. */
export const workflowBundlerOptions: NonNullable<WorkerOptions['bundlerOptions']> = {
  webpackConfigHook: (config) => {
    const alias = Object.fromEntries(WORKFLOW_LIBS.map((name) => [`@accord/${name}`, path.join(LIBS_DIR, name, 'src')]));
    config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...alias } };
    return config;
  },
};

export const WORKFLOWS_PATH = require.resolve(WORKFLOWS_DIR);

/** Creates the worker that runs Accord's workflows and read-model activities. */
export function createAccordWorker(options: AccordWorkerOptions): Promise<Worker> {
  const code = options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: workflowBundlerOptions };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...code,
    ...(options.tracing ? tracingOptions(options.tracing) : { interceptors: { activity: [logOutcome] } }),
  });
}

/** A line for each activity attempt's outcome; after the tracing interceptor, so written inside its span. */
function logOutcome(context: ActivityContext): ActivityInterceptors {
  return { inbound: new ActivityOutcomeLogging(context) };
}

/** Spans for each workflow run, update, signal and activity, children of the client's span that the headers carry. */
function tracingOptions(tracing: AccordTracing): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  // The interceptors' package builds on the OpenTelemetry SDK 1.x types; ours are 2.x, and the processor adapts the spans.
  const exporter = makeWorkflowExporter(
    workflowSpanProcessor(tracing.spanProcessor) as unknown as Parameters<typeof makeWorkflowExporter>[0],
    tracing.resource as unknown as Parameters<typeof makeWorkflowExporter>[1],
  );
  return {
    interceptors: {
      activity: [
        (context) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(context), outbound: new OpenTelemetryActivityOutboundInterceptor(context) }),
        logOutcome,
      ],
      workflowModules: [WORKFLOW_TRACING_INTERCEPTORS],
    },
    sinks: { exporter },
  };
}
