import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { AccordActivities } from '@accord/activities';

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
}

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
  const code = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: workflowBundlerOptions };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...code,
  });
}
