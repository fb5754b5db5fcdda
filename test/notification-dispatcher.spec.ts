import { NotificationEntity } from '@accord/persistence';
import {
  type NotificationDispatcherOptions,
  NotificationDispatcher,
  type NotificationMessage,
  type NotificationSender,
} from '../apps/worker/src/notification-dispatcher';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const PROJECT = '3b6f5f3e-0000-4000-8000-000000000001';
const QUEUED_AT = Date.UTC(2026, 10, 24, 9, 0);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** The dispatchers' clock: tests move it instead of waiting. */
class TestClock {
  now = new Date(QUEUED_AT + 24 * 60 * MINUTE);

  advanceTo(time: Date): void {
    this.now = new Date(time);
  }

  advanceBy(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

/** A promise the test resolves when it chooses: a send that is still under way until then. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A sender that records every message it is handed and answers as `answer` says. */
function recordingSender(
  answer: (message: NotificationMessage, signal: AbortSignal) => Promise<void> = async () => undefined,
): NotificationSender & { messages: NotificationMessage[] } {
  const messages: NotificationMessage[] = [];
  return {
    messages,
    send: async (message, signal) => {
      messages.push(message);
      await answer(message, signal);
    },
  };
}

const failing = (error: string) => recordingSender(async () => Promise.reject(new Error(error)));

describe(NotificationDispatcher.name, () => {
  let database: TestDatabase;
  let clock: TestClock;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(async () => {
    await database.dataSource.query('DELETE FROM notifications');
    clock = new TestClock();
  });

  const notifications = () => database.dataSource.getRepository(NotificationEntity);
  const row = (id: string) => notifications().findOneByOrFail({ id });

  const queue = (id: string, minute = 0) =>
    notifications().insert({
      id,
      projectId: PROJECT,
      taskId: null,
      kind: 'reminder',
      recipientRole: 'pm',
      recipientUser: null,
      subject: `Reminder ${id}`,
      body: 'waiting',
      createdAt: new Date(QUEUED_AT + minute * MINUTE),
      nextAttemptAt: new Date(QUEUED_AT + minute * MINUTE),
      attempts: 0,
    });

  const dispatcher = (sender: NotificationSender, options: Partial<NotificationDispatcherOptions> = {}) =>
    new NotificationDispatcher(database.dataSource, sender, {
      maxAttempts: 5,
      backoffMs: MINUTE,
      backoffCapMs: 10 * MINUTE,
      sendTimeoutMs: 10 * SECOND,
      now: () => clock.now,
      ...options,
    });

  it('keeps what a failing sender could not send and sends it, once and oldest first, when the sender is back', async () => {
    await queue('b', 2);
    await queue('a', 1);
    const up = recordingSender();

    expect(await dispatcher(failing('mail server down')).dispatchOnce()).toEqual({ sent: 0, failed: 2, dead: 0 });
    const waiting = await notifications().find({ order: { id: 'ASC' } });
    expect(waiting.map(({ status, sentAt, attempts, lastError }) => ({ status, sentAt, attempts, lastError }))).toEqual([
      { status: 'pending', sentAt: null, attempts: 1, lastError: 'mail server down' },
      { status: 'pending', sentAt: null, attempts: 1, lastError: 'mail server down' },
    ]);

    clock.advanceBy(MINUTE);
    const sut = dispatcher(up);
    expect(await sut.dispatchOnce()).toEqual({ sent: 2, failed: 0, dead: 0 });
    expect(await sut.dispatchOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(up.messages.map((message) => message.id)).toEqual(['a', 'b']);
    expect((await row('a')).status).toBe('sent');
  });

  it('retries a failing send after delays that double from the first, up to the cap', async () => {
    await queue('reminder');
    const sut = dispatcher(failing('mail server down'), { maxAttempts: 8, backoffMs: MINUTE, backoffCapMs: 5 * MINUTE });

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect(await sut.dispatchOnce()).toEqual({ sent: 0, failed: 1, dead: 0 });
      const { attempts, lastAttemptAt, nextAttemptAt } = await row('reminder');
      expect(attempts).toBe(attempt);
      waits.push(nextAttemptAt.getTime() - lastAttemptAt!.getTime());
      // Not a moment early: one millisecond before it is due, no dispatcher takes it.
      clock.advanceTo(new Date(nextAttemptAt.getTime() - 1));
      expect(await sut.dispatchOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });
      clock.advanceTo(nextAttemptAt);
    }
    expect(waits).toEqual([1, 2, 4, 5, 5, 5].map((minutes) => minutes * MINUTE));
  });

  it('makes a row a dead letter with its last error once its attempts run out, and sends it no more', async () => {
    await queue('reminder');
    let failures = 0;
    const sender = recordingSender(async () => Promise.reject(new Error(`mail server refused (${++failures})`)));
    const sut = dispatcher(sender, { maxAttempts: 3 });

    expect(await sut.dispatchOnce()).toEqual({ sent: 0, failed: 1, dead: 0 });
    clock.advanceTo((await row('reminder')).nextAttemptAt);
    expect(await sut.dispatchOnce()).toEqual({ sent: 0, failed: 1, dead: 0 });
    clock.advanceTo((await row('reminder')).nextAttemptAt);
    expect(await sut.dispatchOnce()).toEqual({ sent: 0, failed: 0, dead: 1 });

    expect(await row('reminder')).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: 'mail server refused (3)',
      lastAttemptAt: clock.now,
      sentAt: null,
      leaseToken: null,
    });
    clock.advanceBy(24 * 60 * MINUTE);
    expect(await sut.dispatchOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(sender.messages).toHaveLength(3);
  });

  it('sends outside the transaction that claimed the row: a slow send holds no row lock', async () => {
    await queue('slow', 1);
    await queue('other', 2);
    const started = gate();
    const answer = gate();
    const sut = dispatcher(
      recordingSender(async () => {
        started.open();
        await answer.opened;
      }),
      { batchSize: 1 },
    );

    const dispatching = sut.dispatchOnce();
    await started.opened;
    const other = database.dataSource.createQueryRunner();
    try {
      await other.startTransaction();
      // NOWAIT fails at once on a row another transaction holds: both rows are free while the send is under way.
      const locked = await other.query(`SELECT id FROM notifications WHERE id IN ('slow', 'other') ORDER BY id FOR UPDATE NOWAIT`);
      expect(locked).toEqual([{ id: 'other' }, { id: 'slow' }]);
      await other.query(`UPDATE notifications SET subject = 'Reminder, edited' WHERE id = 'other'`);
      await other.commitTransaction();
    } finally {
      await other.release();
    }

    answer.open();
    expect(await dispatching).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect((await row('slow')).status).toBe('sent');
  });

  it('does not hand a row that is being sent to a second dispatcher', async () => {
    await queue('reminder');
    const started = gate();
    const answer = gate();
    const first = recordingSender(async () => {
      started.open();
      await answer.opened;
    });
    const second = recordingSender();

    const dispatching = dispatcher(first).dispatchOnce();
    await started.opened;
    expect(await dispatcher(second).dispatchOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });
    answer.open();

    expect(await dispatching).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(second.messages).toEqual([]);
    expect(first.messages.map((message) => message.id)).toEqual(['reminder']);
  });

  it('sends every row exactly once when two dispatchers run side by side', async () => {
    const ids = Array.from({ length: 40 }, (_, index) => `n${String(index).padStart(2, '0')}`);
    for (const [index, id] of ids.entries()) await queue(id, index);
    // Each send yields, so the two dispatchers' claims and sends interleave.
    const sender = recordingSender(() => new Promise((resolve) => setImmediate(resolve)));
    const left = dispatcher(sender, { batchSize: 7 });
    const right = dispatcher(sender, { batchSize: 7 });

    // Each runs its own rounds, so one claims while the other's sends are under way.
    const drain = async (sut: NotificationDispatcher) => {
      while ((await notifications().countBy({ status: 'pending' })) > 0) await sut.dispatchOnce();
    };
    await Promise.all([drain(left), drain(right)]);

    const delivered = sender.messages.map((message) => message.id);
    expect(delivered).toHaveLength(ids.length);
    expect([...delivered].sort()).toEqual(ids);
    expect(await notifications().countBy({ status: 'sent' })).toBe(ids.length);
  });

  it('sends a row again, under the same id, once the lease of a dispatcher that stopped while sending has run out', async () => {
    await queue('reminder');
    const started = gate();
    const never = gate();
    const stopped = recordingSender(async () => {
      started.open();
      await never.opened;
    });
    const successor = recordingSender();

    const abandoned = dispatcher(stopped, { leaseMs: 5 * MINUTE }).dispatchOnce();
    await started.opened;
    clock.advanceBy(5 * MINUTE - 1);
    expect(await dispatcher(successor).dispatchOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });
    clock.advanceBy(1);
    expect(await dispatcher(successor).dispatchOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });

    expect(successor.messages.map(({ id, attempt }) => ({ id, attempt }))).toEqual([{ id: 'reminder', attempt: 2 }]);
    // The first dispatcher's late answer is not recorded: the row is its successor's now.
    never.open();
    expect(await abandoned).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(await row('reminder')).toMatchObject({ status: 'sent', attempts: 2, leaseToken: null });
  });

  it('makes a row a dead letter when its last attempt never reported back', async () => {
    await queue('reminder');
    const started = gate();
    const never = gate();
    const abandoned = dispatcher(
      recordingSender(async () => {
        started.open();
        await never.opened;
      }),
      { maxAttempts: 1 },
    ).dispatchOnce();
    await started.opened;

    clock.advanceBy(MINUTE);
    const successor = recordingSender();
    expect(await dispatcher(successor, { maxAttempts: 1 }).dispatchOnce()).toEqual({ sent: 0, failed: 0, dead: 1 });
    expect(successor.messages).toEqual([]);
    expect(await row('reminder')).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'attempt 1 never reported back (its dispatcher stopped while sending)',
    });

    never.open();
    await abandoned;
    expect((await row('reminder')).status).toBe('dead');
  });

  it('counts a send that does not answer within the timeout as failed, and aborts it', async () => {
    await queue('reminder');
    let aborted = false;
    // Answers only when aborted, as a request that never gets a response.
    const hanging = recordingSender(
      (_, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          }),
        ),
    );

    expect(await dispatcher(hanging, { sendTimeoutMs: 20 }).dispatchOnce()).toEqual({ sent: 0, failed: 1, dead: 0 });
    expect(aborted).toBe(true);
    expect(await row('reminder')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'no answer within 20 ms', leaseToken: null });
  });

  it('hands the sender each message with its row id, the same on every attempt, so a receiver can drop a duplicate', async () => {
    await notifications().insert({
      id: 'project/3b6f5f3e/stage/review/1:task-7:remind:1',
      projectId: PROJECT,
      taskId: 'task-7',
      kind: 'escalation',
      recipientRole: null,
      recipientUser: 'paula',
      subject: 'Review is overdue',
      body: 'The review has waited two days',
      createdAt: new Date(QUEUED_AT),
      nextAttemptAt: new Date(QUEUED_AT),
      attempts: 0,
    });
    let calls = 0;
    const sender = recordingSender(async () => {
      if (++calls === 1) throw new Error('connection reset');
    });
    const sut = dispatcher(sender);

    await sut.dispatchOnce();
    clock.advanceTo((await row('project/3b6f5f3e/stage/review/1:task-7:remind:1')).nextAttemptAt);
    await sut.dispatchOnce();

    const message = {
      id: 'project/3b6f5f3e/stage/review/1:task-7:remind:1',
      kind: 'escalation',
      projectId: PROJECT,
      taskId: 'task-7',
      to: { user: 'paula' },
      subject: 'Review is overdue',
      body: 'The review has waited two days',
      createdAt: new Date(QUEUED_AT),
    };
    expect(sender.messages).toEqual([
      { ...message, attempt: 1 },
      { ...message, attempt: 2 },
    ]);
  });
});
