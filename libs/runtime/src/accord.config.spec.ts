import { AccordConfig, ConfigError, loadConfig } from './accord.config';

describe(loadConfig.name, () => {
  const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/accord' };

  it('fills defaults for everything optional', () => {
    const sut = loadConfig(valid);
    expect(sut).toBeInstanceOf(AccordConfig);
    expect(sut).toMatchObject({
      PORT: 3000,
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'accord',
      LOG_LEVEL: 'info',
    });
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

  it('needs no local token secret once an identity provider is named, and its audience with it', () => {
    expect(() => loadConfig(valid, ['DATABASE_URL', 'ACCORD_JWT_SECRET'])).toThrow(/ACCORD_JWT_SECRET: must be set/);
    expect(
      loadConfig({ ...valid, ACCORD_OIDC_ISSUER: 'https://login.example.com/realms/acme', ACCORD_OIDC_AUDIENCE: 'accord' }, [
        'DATABASE_URL',
        'ACCORD_JWT_SECRET',
      ]),
    ).toMatchObject({
      ACCORD_OIDC_ROLES_CLAIM: 'roles',
      ACCORD_OIDC_USER_CLAIM: 'sub',
    });
    expect(() => loadConfig({ ...valid, ACCORD_OIDC_ISSUER: 'https://login.example.com' })).toThrow(/ACCORD_OIDC_AUDIENCE must be set/);
    expect(() => loadConfig({ ...valid, ACCORD_OIDC_ISSUER: 'login.example.com', ACCORD_OIDC_AUDIENCE: 'accord' })).toThrow(/ACCORD_OIDC_ISSUER/);
  });

  it('takes trusted proxies as addresses, CIDRs or named ranges, and refuses anything else', () => {
    expect(loadConfig({ ...valid, ACCORD_TRUSTED_PROXIES: '10.0.0.0/8,loopback,::1' }).ACCORD_TRUSTED_PROXIES).toBe('10.0.0.0/8,loopback,::1');
    expect(() => loadConfig({ ...valid, ACCORD_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/ACCORD_TRUSTED_PROXIES/);
    expect(() => loadConfig({ ...valid, ACCORD_TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/ACCORD_TRUSTED_PROXIES/);
  });

  it('reads the roll-up statement timeout as a number, and the Temporal UI address as an http(s) URL', () => {
    expect(loadConfig({ ...valid, ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS: '250' }).ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS).toBe(250);
    expect(() => loadConfig({ ...valid, ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS: '0' })).toThrow(/ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS/);
    expect(loadConfig({ ...valid, ACCORD_TEMPORAL_UI_URL: 'http://localhost:8233' }).ACCORD_TEMPORAL_UI_URL).toBe('http://localhost:8233');
    expect(() => loadConfig({ ...valid, ACCORD_TEMPORAL_UI_URL: 'localhost:8233' })).toThrow(/ACCORD_TEMPORAL_UI_URL/);
  });
});
