import fs from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { temporal } from '@temporalio/proto';
import { type ReplayResult, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { quietTemporalLogs } from '../support/quiet-temporal';
import { cachedWorkflowBundle } from '../support/workflow-bundle-cache';

/**
 * R-REL-1: projects run for months across deploys, so today's workflow code must replay
 * every history recorded by earlier code (`npm run record-histories`, docs/versioning.md).
 * A change that would make a running project fail its next workflow task fails here.
 */
const HISTORIES = path.join(__dirname, 'histories');

interface Recording {
  definition: string;
  outcome: string;
  days: number;
  histories: { workflowId: string; runId: string; events: number; history: string }[];
}

const recordings = fs
  .readdirSync(HISTORIES)
  .filter((name) => name.endsWith('.json.br'))
  .sort()
  .map((name) => ({ name, recording: JSON.parse(brotliDecompressSync(fs.readFileSync(path.join(HISTORIES, name))).toString('utf8')) as Recording }));

const decoded = (history: string) => temporal.api.history.v1.History.decode(Buffer.from(history, 'base64'));

/** Event types across a recording's histories: what its replay exercises. */
const eventTypes = (recording: Recording) =>
  new Set(recording.histories.flatMap(({ history }) => (decoded(history).events ?? []).map((event) => temporal.api.enums.v1.EventType[event.eventType ?? 0])));

describe('recorded workflow histories', () => {
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    quietTemporalLogs();
    bundle = await cachedWorkflowBundle();
  }, 120_000);

  it('cover every shipped definition that has an actors script, and the expectation process end to end', () => {
    const shipped = fs
      .readdirSync(path.join(__dirname, '../../definitions'))
      .filter((name) => name.endsWith('.actors.yaml'))
      .map((name) => `definitions/${name.replace(/\.actors\.yaml$/, '.yaml')}`);
    expect([...new Set(recordings.map(({ recording }) => recording.definition))].sort()).toEqual(expect.arrayContaining(shipped.sort()));

    const expectation = recordings.find(({ recording }) => recording.definition === 'definitions/customer-expectation.yaml')!.recording;
    expect(expectation.outcome).toBe('completed');
    const stages = new Set(expectation.histories.map(({ workflowId }) => /\/stage\/([^/]+)\//.exec(workflowId)?.[1]));
    expect([...stages]).toEqual(expect.arrayContaining(['identify', 'guide', 'set', 'track', 'adjust', 'assess']));
    // Cadence occurrences and action items run as workflows of their own; continue-as-new and updates are in the histories.
    expect(expectation.histories.some(({ workflowId }) => workflowId.includes('/cadence/'))).toBe(true);
    expect(expectation.histories.some(({ workflowId }) => workflowId.includes('/action/'))).toBe(true);
    const types = eventTypes(expectation);
    expect([...types]).toEqual(
      expect.arrayContaining([
        'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
        'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
        'EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED',
        'EVENT_TYPE_TIMER_FIRED',
        'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED',
      ]),
    );
  });

  it('exercise every workflow type the worker registers', () => {
    const registered = [...fs.readFileSync(path.join(__dirname, '../../workflows/index.ts'), 'utf8').matchAll(/export \{ (\w+) \}/g)].map(([, name]) => name);
    const recorded = new Set(
      recordings.flatMap(({ recording }) =>
        recording.histories.map(({ history }) => decoded(history).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name),
      ),
    );
    expect(registered.length).toBeGreaterThanOrEqual(4);
    expect(registered.filter((type) => !recorded.has(type))).toEqual([]);
  });

  it.each(recordings.map(({ name, recording }) => [name, recording] as const))(
    '%s replays on the current workflow code',
    async (name, recording) => {
      const failures: string[] = [];
      const replayed: ReplayResult[] = [];
      const histories = recording.histories.map(({ workflowId, history }) => ({ workflowId, history: decoded(history) }));
      for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, replayName: `replay-${name}` }, histories)) {
        replayed.push(result);
        if (result.error) failures.push(`${result.workflowId} (run ${result.runId}): ${result.error.message.split('\n')[0]}`);
      }
      expect(failures).toEqual([]);
      expect(replayed).toHaveLength(recording.histories.length);
    },
    300_000,
  );
});
