import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { FeedbackRateLimiter } from './feedback-rate-limiter';

/** Against a real PostgreSQL: the limit is the table rate_limits, which every API process shares. */
describe(FeedbackRateLimiter.name, () => {
  const minute = 60_000;
  let database: TestDatabase;
  let now: Date;
  const at = (minutes: number) => (now = new Date(Date.UTC(2027, 0, 4, 9) + minutes * minute));
  const limiter = (limit: number, windowMs = 10 * minute) => new FeedbackRateLimiter(database.dataSource.manager, limit, windowMs, () => now);

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(async () => {
    await database.dataSource.query('DELETE FROM rate_limits');
  });

  it('refuses the hits beyond the limit and says when the window ends, then opens a new window', async () => {
    const sut = limiter(2);
    at(0);
    expect(await sut.take('form', ['link'])).toEqual({ allowed: true });
    at(3);
    expect(await sut.take('form', ['link'])).toEqual({ allowed: true });
    at(4);
    expect(await sut.take('form', ['link'])).toEqual({ allowed: false, retryAfterSeconds: 6 * 60 });
    at(10);
    expect(await sut.take('form', ['link'])).toEqual({ allowed: true });
  });

  it('limits each key of each scope on its own', async () => {
    const sut = limiter(1);
    at(0);
    expect(await sut.take('form', ['link-a', 'address-1'])).toEqual({ allowed: true });
    expect(await sut.take('form', ['link-b', 'address-1'])).toEqual({ allowed: true });
    expect(await sut.take('guess', ['link-a', 'address-1'])).toEqual({ allowed: true });
    expect(await sut.take('form', ['link-a', 'address-1'])).toMatchObject({ allowed: false });
  });

  it('tells whether the next hit would be refused without counting one', async () => {
    const sut = limiter(2);
    at(0);
    await sut.take('guess', ['address-1']);
    expect(await sut.check('guess', ['address-1'])).toEqual({ allowed: true });
    expect(await sut.check('guess', ['address-1'])).toEqual({ allowed: true });
    await sut.take('guess', ['address-1']);
    at(1);
    expect(await sut.check('guess', ['address-1'])).toEqual({ allowed: false, retryAfterSeconds: 9 * 60 });
  });

  it('keeps no key in clear: the scope, then a hash', async () => {
    at(0);
    await limiter(1).take('form', ['link-a', '203.0.113.7']);
    const rows: { bucket: string }[] = await database.dataSource.query('SELECT bucket FROM rate_limits');
    expect(rows).toEqual([{ bucket: expect.stringMatching(/^form:[0-9a-f]{64}$/) }]);
  });
});
