import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AccordHarness, eventually } from '../support/accord-harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const { build } = require('../../scripts/build');

const root = path.resolve(__dirname, '../..');
const out = path.join(root, '.test-results', `decision-path-${process.pid}`);
const STEPS = 12;

/** A project of sequential tasks for the project manager: each decision opens the next task. */
const SEQUENTIAL = `key: sequential
name: Sequential tasks
starters: [pm]
roles: { pm: {} }
stages:
  - id: work
    steps:
${Array.from({ length: STEPS }, (_, i) => `      - { id: step${i + 1}, name: Step ${i + 1}, type: task, assignee: { role: pm } }`).join('\n')}
`;

interface InboxItem {
  id: string;
  stepId: string;
}

/**
 * Issue 16: a decision writes the read model inside the workflow task that answers it (a local
 * activity), so the caller's 2xx comes sooner. What must still hold, whatever makes it fast.
 */
describe('the decision path', () => {
  let accord: AccordHarness;
  let paula: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    paula = accord.token('paula', ['pm']);
    await accord.publish('sequential', SEQUENTIAL);
  }, 120_000);

  afterAll(async () => {
    await accord?.stop();
    fs.rmSync(out, { recursive: true, force: true });
  });

  async function startProject(name: string): Promise<string> {
    const started = await accord.request('POST', '/projects', { token: paula, body: { definitionKey: 'sequential', name } });
    expect(started.status).toBe(201);
    return started.body.id;
  }

  async function inboxOf(token: string, projectId: string): Promise<InboxItem[]> {
    const inbox = await accord.request('GET', `/inbox?project=${projectId}`, { token });
    expect(inbox.status).toBe(200);
    return inbox.body.items;
  }

  it('never shows the decider a task they decided as open once the decision is answered', async () => {
    const projectId = await startProject('Inbox after each decision');
    for (let step = 1; step <= STEPS; step++) {
      const { id } = await accord.taskOf(paula, projectId, `step${step}`);
      // Open in the same inbox read before the decision, so its absence after says something.
      expect((await inboxOf(paula, projectId)).map((item) => item.id)).toContain(id);
      const decided = await accord.request('POST', `/tasks/${encodeURIComponent(id)}/complete`, { token: paula, body: {} });
      expect(decided.status).toBe(200);
      // At once, before the workflow opens the next task: the decided one is gone, every time.
      expect((await inboxOf(paula, projectId)).map((item) => item.id)).not.toContain(id);
    }
  }, 120_000);

  it('keeps a decision answered with 200 when the worker is killed right after the answer', async () => {
    const projectId = await startProject('Worker killed after a decision');
    const { id } = await accord.taskOf(paula, projectId, 'step1');
    // From here on a worker of its own process runs this project, so that it can be killed with SIGKILL.
    const worker = await startWorkerProcess(accord);
    await accord.stopWorker();
    const decision = { requestId: 'killed-after-answer', comment: 'decided just before the crash' };
    try {
      const answered = await accord.request('POST', `/tasks/${encodeURIComponent(id)}/complete`, { token: paula, body: decision });
      worker.kill('SIGKILL');
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ taskId: id, status: 'completed', completedBy: 'paula' });
      await new Promise((resolve) => worker.once('exit', resolve));
    } finally {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    }

    await accord.startWorker();
    // The workflow resumes from its history: the decision is in it, so the next task opens (an activity
    // the killed worker held is retried once its 30 s start-to-close timeout has passed).
    await eventually(async () => (await inboxOf(paula, projectId)).find((item) => item.stepId === 'step2'), 'the step2 task', 90_000);
    const task = await accord.request('GET', `/tasks/${encodeURIComponent(id)}`, { token: paula });
    expect(task.body).toMatchObject({ status: 'completed', completedBy: 'paula', outcome: 'done' });
    expect((task.body.history as { action: string }[]).filter((entry) => entry.action === 'task.completed')).toHaveLength(1);
    // The same request again is answered with the first result and changes nothing.
    const repeated = await accord.request('POST', `/tasks/${encodeURIComponent(id)}/complete`, { token: paula, body: decision });
    expect(repeated.status).toBe(200);
    expect(repeated.body).toMatchObject({ taskId: id, completedBy: 'paula', requestId: 'killed-after-answer' });
  }, 240_000);
});

/** The worker as deployed (the compiled main) in a process of its own, on the harness's queue. */
async function startWorkerProcess(accord: AccordHarness): Promise<ChildProcessWithoutNullStreams> {
  build(out);
  const worker = spawn(process.execPath, [path.join(out, 'apps/worker/src/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: accord.database.url,
      TEMPORAL_ADDRESS: process.env.ACCORD_TEST_TEMPORAL_ADDRESS!,
      TEMPORAL_TASK_QUEUE: accord.taskQueue,
      LOG_LEVEL: 'info',
    },
  });
  const lines: string[] = [];
  worker.stdout.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
  worker.stderr.resume();
  await eventually(async () => (lines.join('').includes('"msg":"worker started"') ? true : undefined), 'the worker process to start', 120_000);
  return worker;
}
