import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { type IdempotencyClaim, idempotencyScope } from './idempotency-scope';
import { IdempotencyStore } from './idempotency-store';

/** Against a real PostgreSQL: the keys are the table idempotency_keys, which every API process shares. */
describe(IdempotencyStore.name, () => {
  const hour = 3_600_000;
  let database: TestDatabase;
  let now: Date;
  const at = (hours: number) => (now = new Date(Date.UTC(2027, 0, 4, 9) + hours * hour));
  const store = (ttlHours = 24, leaseSeconds = 300) => new IdempotencyStore(database.dataSource.manager, ttlHours, leaseSeconds, () => now);
  const claim = (key: string): IdempotencyClaim => ({ caller: 'user:paula', operation: 'POST /tasks/:id/complete', resource: { id: 'task-a' }, key });

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(async () => {
    await database.dataSource.query('DELETE FROM idempotency_keys');
    at(0);
  });

  it('answers a repeat with the stored answer, another body with reused, and a repeat in flight with in-flight', async () => {
    const sut = store();
    const scope = idempotencyScope(claim('k'));
    const first = await sut.reserve(scope, claim('k'), 'body-1');
    expect(first.kind).toBe('reserved');
    expect(await sut.reserve(scope, claim('k'), 'body-1')).toEqual({ kind: 'in-flight', retryAfterSeconds: 300 });
    expect(await sut.reserve(scope, claim('k'), 'body-2')).toEqual({ kind: 'reused' });
    await sut.complete(scope, (first as { token: string }).token, { status: 200, body: { requestId: 'k', outcome: 'approve' } });
    expect(await sut.reserve(scope, claim('k'), 'body-1')).toEqual({ kind: 'answered', answer: { status: 200, body: { requestId: 'k', outcome: 'approve' } } });
    expect(await sut.reserve(scope, claim('k'), 'body-2')).toEqual({ kind: 'reused' });
  });

  it('frees a released key, so the retry of a failed request runs afresh', async () => {
    const sut = store();
    const scope = idempotencyScope(claim('k'));
    const first = await sut.reserve(scope, claim('k'), 'body-1');
    await sut.release(scope, (first as { token: string }).token);
    expect((await sut.reserve(scope, claim('k'), 'body-2')).kind).toBe('reserved');
  });

  it('lets a repeat with the same body take over a request whose lease ran out, and keeps the answer of the one that holds it', async () => {
    const sut = store(24, 60);
    const scope = idempotencyScope(claim('k'));
    const stalled = (await sut.reserve(scope, claim('k'), 'body-1')) as { token: string };
    at(0.5);
    expect(await sut.reserve(scope, claim('k'), 'body-2')).toEqual({ kind: 'reused' });
    const takeover = (await sut.reserve(scope, claim('k'), 'body-1')) as { kind: string; token: string };
    expect(takeover.kind).toBe('reserved');
    await sut.complete(scope, stalled.token, { status: 500, body: 'late' });
    await sut.complete(scope, takeover.token, { status: 200, body: 'fresh' });
    expect(await sut.reserve(scope, claim('k'), 'body-1')).toEqual({ kind: 'answered', answer: { status: 200, body: 'fresh' } });
  });

  it('forgets a key after its time to live, and deletes expired keys as later ones are reserved', async () => {
    const sut = store(24);
    const scope = idempotencyScope(claim('k'));
    const first = (await sut.reserve(scope, claim('k'), 'body-1')) as { token: string };
    await sut.complete(scope, first.token, { status: 200, body: {} });
    await sut.reserve(idempotencyScope(claim('other')), claim('other'), 'body-1');
    at(23.9);
    expect((await sut.reserve(scope, claim('k'), 'body-2')).kind).toBe('reused');
    at(24);
    expect((await sut.reserve(scope, claim('k'), 'body-2')).kind).toBe('reserved');
    const keys: { idempotency_key: string }[] = await database.dataSource.query('SELECT idempotency_key FROM idempotency_keys');
    expect(keys).toEqual([{ idempotency_key: 'k' }]);
  });

  it('stores the scope in clear beside its hash, so whoever reads the table sees whose key it is', async () => {
    const scope = idempotencyScope(claim('k'));
    await store().reserve(scope, claim('k'), 'body-1');
    const rows = await database.dataSource.query('SELECT scope, caller, operation, resource, idempotency_key FROM idempotency_keys');
    expect(rows).toEqual([{ scope: scope.id, caller: 'user:paula', operation: 'POST /tasks/:id/complete', resource: '{"id":"task-a"}', idempotency_key: 'k' }]);
  });
});
