import { AccordConfig, ConfigError, loadConfig } from './accord.config';

describe(loadConfig.name, () => {
  const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/accord' };

  it('fills defaults for everything optional', () => {
    const sut = loadConfig(valid);
    expect(sut).toBeInstanceOf(AccordConfig);
    expect(sut).toMatchObject({ PORT: 3000, TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'accord', LOG_LEVEL: 'info' });
  });

  it('reads PORT as a number', () => {
    expect(loadConfig({ ...valid, PORT: '8080' }).PORT).toBe(8080);
  });

  it('names every wrong variable in one error', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', TEMPORAL_ADDRESS: 'nowhere', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const names = (error as ConfigError).problems.map((problem) => problem.split(':')[0]).sort();
      expect(names).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'TEMPORAL_ADDRESS']);
    }
  });

  it('reads the public feedback limit as a number and refuses zero', () => {
    expect(loadConfig({ ...valid, ACCORD_FEEDBACK_LIMIT: '5' }).ACCORD_FEEDBACK_LIMIT).toBe(5);
    expect(() => loadConfig({ ...valid, ACCORD_FEEDBACK_LIMIT: '0' })).toThrow(/ACCORD_FEEDBACK_LIMIT must be a whole number from 1/);
  });

  it('reads the notification delivery settings as numbers and refuses a dispatcher with no attempt to make', () => {
    expect(loadConfig({ ...valid, ACCORD_NOTIFICATION_MAX_ATTEMPTS: '3', ACCORD_NOTIFICATION_BACKOFF_SECONDS: '5' })).toMatchObject({
      ACCORD_NOTIFICATION_MAX_ATTEMPTS: 3,
      ACCORD_NOTIFICATION_BACKOFF_SECONDS: 5,
      ACCORD_NOTIFICATION_BACKOFF_CAP_SECONDS: 3_600,
      ACCORD_NOTIFICATION_SEND_TIMEOUT_SECONDS: 30,
    });
    expect(() => loadConfig({ ...valid, ACCORD_NOTIFICATION_MAX_ATTEMPTS: '0' })).toThrow(/ACCORD_NOTIFICATION_MAX_ATTEMPTS must be a whole number from 1/);
  });

  it('refuses to start without a variable the process requires', () => {
    expect(() => loadConfig({}, ['DATABASE_URL'])).toThrow(/DATABASE_URL: must be set/);
  });

  it('refuses a JWT secret too short to resist guessing', () => {
    expect(() => loadConfig({ ...valid, ACCORD_JWT_SECRET: 'short' })).toThrow(/ACCORD_JWT_SECRET must be at least 32 characters/);
  });
});
