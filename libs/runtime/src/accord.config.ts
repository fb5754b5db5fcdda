import { isIP } from 'node:net';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateBy, ValidateIf, validateSync } from 'class-validator';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const PORT_MESSAGE = 'PORT must be a port number from 0 to 65535';

/**
 * Accord's configuration, read once at boot from the environment. Property names are
 * the environment variables, so an error names exactly what to fix.
 */
export class AccordConfig {
  @IsInt({ message: PORT_MESSAGE })
  @Min(0, { message: PORT_MESSAGE })
  @Max(65535, { message: PORT_MESSAGE })
  PORT = 3000;

  // Optional here so that a process that needs it reports "must be set" once, via `required`.
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^[^\s:]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS = 'localhost:7233';

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  /** Task queue of Accord's workflows and activities; separate deployments (or test runs) use separate queues. */
  @IsString()
  @MinLength(1)
  TEMPORAL_TASK_QUEUE = 'accord';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'ACCORD_JWT_SECRET must be at least 32 characters' })
  ACCORD_JWT_SECRET?: string;

  /** The issuer (`iss`) of local tokens: Accord mints them with it and refuses one without it. */
  @Matches(/^\S+$/, { message: 'ACCORD_TOKEN_ISSUER must be a name without spaces' })
  ACCORD_TOKEN_ISSUER = 'accord';

  /** The audience (`aud`) of local tokens: Accord mints them for it and refuses one not meant for it. */
  @Matches(/^\S+$/, { message: 'ACCORD_TOKEN_AUDIENCE must be a name without spaces' })
  ACCORD_TOKEN_AUDIENCE = 'accord-api';

  /** An OpenID Connect provider (its issuer URL): only its tokens are accepted then, and local sign-in is off. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'ACCORD_OIDC_ISSUER must be the http(s) issuer URL of an OpenID Connect provider' },
  )
  ACCORD_OIDC_ISSUER?: string;

  /** The audience (`aud`) the provider's access tokens carry for Accord; needed with ACCORD_OIDC_ISSUER. */
  @ValidateIf((config: AccordConfig) => config.ACCORD_OIDC_ISSUER !== undefined || config.ACCORD_OIDC_AUDIENCE !== undefined)
  @Matches(/^\S+$/, { message: 'ACCORD_OIDC_AUDIENCE must be set, without spaces, when ACCORD_OIDC_ISSUER is' })
  ACCORD_OIDC_AUDIENCE?: string;

  /** Where the provider's tokens carry the roles: a claim name or a dotted path (`realm_access.roles`). */
  @Matches(/^\S+$/, { message: 'ACCORD_OIDC_ROLES_CLAIM must be a claim name or path such as roles or realm_access.roles' })
  ACCORD_OIDC_ROLES_CLAIM = 'roles';

  /** The claim of the provider's tokens that is the user id (`sub`, or `preferred_username` and the like). */
  @Matches(/^\S+$/, { message: 'ACCORD_OIDC_USER_CLAIM must be a claim name or path such as sub or preferred_username' })
  ACCORD_OIDC_USER_CLAIM = 'sub';

  /** The web app's client at the provider: with ACCORD_OIDC_ISSUER, the web app offers signing in there (docs/identity.md). */
  @IsOptional()
  @Matches(/^\S+$/, { message: 'ACCORD_OIDC_CLIENT_ID must be a client id without spaces' })
  ACCORD_OIDC_CLIENT_ID?: string;

  /** The web app client's secret, for a confidential client; unset, it is a public client and PKCE alone binds the code. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  ACCORD_OIDC_CLIENT_SECRET?: string;

  /** The provider's name as people know it ("Acme ID"): the web app's button says "Sign in with" it; unset, "your organisation". */
  @IsOptional()
  @IsString()
  @MinLength(1)
  ACCORD_OIDC_PROVIDER_NAME?: string;

  /** The scopes the web app's sign-in asks for, separated by spaces. */
  @Matches(/^(?=(.* )?openid( |$))\S+( \S+)*$/, { message: 'ACCORD_OIDC_SCOPES must be scopes separated by single spaces, openid among them' })
  ACCORD_OIDC_SCOPES = 'openid profile';

  /** The URL the browser reaches the API at: the provider sends people back to <this>/auth/oidc/callback. */
  @ValidateIf((config: AccordConfig) => config.ACCORD_OIDC_CLIENT_ID !== undefined || config.ACCORD_PUBLIC_URL !== undefined)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'ACCORD_PUBLIC_URL must be set, to the http(s) URL the browser reaches the API at, when ACCORD_OIDC_CLIENT_ID is' },
  )
  ACCORD_PUBLIC_URL?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Feedback a project's public online-form link accepts per hour (and per address), beyond which it answers 429. */
  @IsInt({ message: 'ACCORD_FEEDBACK_LIMIT must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_FEEDBACK_LIMIT must be a whole number from 1' })
  ACCORD_FEEDBACK_LIMIT = 20;

  /**
   * The proxies in front of the API (addresses or CIDRs, comma-separated; also loopback,
   * linklocal, uniquelocal): a request through them is from the nearest X-Forwarded-For
   * address that is not one of them. Unset, X-Forwarded-For is ignored: any client can write it.
   */
  @IsOptional()
  @ValidateBy(
    {
      name: 'trustedProxies',
      validator: { validate: (value: unknown) => typeof value === 'string' && value.split(',').every((entry) => isProxyAddress(entry.trim())) },
    },
    { message: 'ACCORD_TRUSTED_PROXIES must be addresses or CIDRs separated by commas, such as 10.0.0.0/8,::1' },
  )
  ACCORD_TRUSTED_PROXIES?: string;

  /** How long one query of a roll-up (a team's KPI report, a customer record) may run before it is cancelled and the request answers 503. */
  @IsInt({ message: 'ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS must be a whole number from 1' })
  ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS = 5_000;

  /** History events after which a project's workflow continues as new: lower it to see it happen, raise it for fewer runs. */
  @IsInt({ message: 'ACCORD_PROJECT_HISTORY_BUDGET must be a whole number from 50' })
  @Min(50, { message: 'ACCORD_PROJECT_HISTORY_BUDGET must be a whole number from 50' })
  ACCORD_PROJECT_HISTORY_BUDGET = 5_000;

  /**
   * History events a stage's workflow may reach before it stops with an incident: a stage
   * cannot continue as new mid-step, and one this long is looping (Temporal refuses a run past 51,200).
   */
  @IsInt({ message: 'ACCORD_STAGE_HISTORY_BUDGET must be a whole number from 50' })
  @Min(50, { message: 'ACCORD_STAGE_HISTORY_BUDGET must be a whole number from 50' })
  ACCORD_STAGE_HISTORY_BUDGET = 20_000;

  /** How long an Idempotency-Key is remembered: a repeat within it replays the first answer, after it the key is free again. */
  @IsInt({ message: 'ACCORD_IDEMPOTENCY_TTL_HOURS must be a whole number from 1 to 720' })
  @Min(1, { message: 'ACCORD_IDEMPOTENCY_TTL_HOURS must be a whole number from 1 to 720' })
  @Max(720, { message: 'ACCORD_IDEMPOTENCY_TTL_HOURS must be a whole number from 1 to 720' })
  ACCORD_IDEMPOTENCY_TTL_HOURS = 24;

  /** Attempts to send a notification before it becomes a dead letter that an admin can retry. */
  @IsInt({ message: 'ACCORD_NOTIFICATION_MAX_ATTEMPTS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_NOTIFICATION_MAX_ATTEMPTS must be a whole number from 1' })
  ACCORD_NOTIFICATION_MAX_ATTEMPTS = 10;

  /** Wait after a notification's first failed attempt; it doubles after each further failure. */
  @IsInt({ message: 'ACCORD_NOTIFICATION_BACKOFF_SECONDS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_NOTIFICATION_BACKOFF_SECONDS must be a whole number from 1' })
  ACCORD_NOTIFICATION_BACKOFF_SECONDS = 30;

  /** The longest wait between two attempts to send a notification. */
  @IsInt({ message: 'ACCORD_NOTIFICATION_BACKOFF_CAP_SECONDS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_NOTIFICATION_BACKOFF_CAP_SECONDS must be a whole number from 1' })
  ACCORD_NOTIFICATION_BACKOFF_CAP_SECONDS = 3_600;

  /** A send that has not answered by then counts as failed; a claim is leased for twice as long. */
  @IsInt({ message: 'ACCORD_NOTIFICATION_SEND_TIMEOUT_SECONDS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_NOTIFICATION_SEND_TIMEOUT_SECONDS must be a whole number from 1' })
  ACCORD_NOTIFICATION_SEND_TIMEOUT_SECONDS = 30;

  /** Attempts to deliver a webhook before it becomes a dead letter that an admin can redeliver. */
  @IsInt({ message: 'ACCORD_WEBHOOK_MAX_ATTEMPTS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_WEBHOOK_MAX_ATTEMPTS must be a whole number from 1' })
  ACCORD_WEBHOOK_MAX_ATTEMPTS = 15;

  /** Wait after a webhook delivery's first failed attempt; it doubles after each further failure. */
  @IsInt({ message: 'ACCORD_WEBHOOK_BACKOFF_SECONDS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_WEBHOOK_BACKOFF_SECONDS must be a whole number from 1' })
  ACCORD_WEBHOOK_BACKOFF_SECONDS = 30;

  /** The longest wait between two attempts to deliver a webhook. */
  @IsInt({ message: 'ACCORD_WEBHOOK_BACKOFF_CAP_SECONDS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_WEBHOOK_BACKOFF_CAP_SECONDS must be a whole number from 1' })
  ACCORD_WEBHOOK_BACKOFF_CAP_SECONDS = 3_600;

  /** A receiver that has not answered by then fails the attempt; a claim is leased for twice as long. */
  @IsInt({ message: 'ACCORD_WEBHOOK_TIMEOUT_SECONDS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_WEBHOOK_TIMEOUT_SECONDS must be a whole number from 1' })
  ACCORD_WEBHOOK_TIMEOUT_SECONDS = 10;

  /** Folder of the process definitions published at start. */
  @IsOptional()
  @IsString()
  ACCORD_DEFINITIONS_DIR?: string;

  /** The Temporal Web UI (http://localhost:8233 for `npm start`'s dev server): operations pages link each project's workflow there. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'ACCORD_TEMPORAL_UI_URL must be an http(s) URL such as http://localhost:8233' },
  )
  ACCORD_TEMPORAL_UI_URL?: string;

  /**
   * Port of the API's Prometheus endpoint (`GET /metrics`, no token), a listener of its own so
   * that it is never routed to the public: unset, the API serves no metrics. 0 picks a free port.
   */
  @IsOptional()
  @IsInt({ message: 'ACCORD_METRICS_PORT must be a port number from 0 to 65535' })
  @Min(0, { message: 'ACCORD_METRICS_PORT must be a port number from 0 to 65535' })
  @Max(65535, { message: 'ACCORD_METRICS_PORT must be a port number from 0 to 65535' })
  ACCORD_METRICS_PORT?: number;

  /** Port of the worker's Prometheus endpoint (`GET /metrics`: its own and Temporal's SDK metrics); unset, the worker serves none. */
  @IsOptional()
  @IsInt({ message: 'ACCORD_WORKER_METRICS_PORT must be a port number from 0 to 65535' })
  @Min(0, { message: 'ACCORD_WORKER_METRICS_PORT must be a port number from 0 to 65535' })
  @Max(65535, { message: 'ACCORD_WORKER_METRICS_PORT must be a port number from 0 to 65535' })
  ACCORD_WORKER_METRICS_PORT?: number;

  /**
   * The standard OpenTelemetry variable: an OTLP/HTTP receiver (an OpenTelemetry Collector, Jaeger,
   * Tempo) that gets the traces at <this>/v1/traces. Unset, nothing is traced: no tracer, no patching.
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be the http(s) URL of an OTLP/HTTP receiver such as http://localhost:4318' },
  )
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The standard OpenTelemetry variable: the traces' `service.name`; unset, `accord-api` or `accord-worker`. */
  @IsOptional()
  @Matches(/^\S+$/, { message: 'OTEL_SERVICE_NAME must be a name without spaces' })
  OTEL_SERVICE_NAME?: string;

  /** Offers local sign-in (pick any person and roles) to the web app: only `npm start` sets it, never a deployment. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'ACCORD_LOCAL_SIGN_IN must be true or false' })
  ACCORD_LOCAL_SIGN_IN?: 'true' | 'false';

  /** The time-skipping test server binary: a worker that has it hosts the simulations admins run from the editor. */
  @IsOptional()
  @IsString()
  ACCORD_TEMPORAL_TEST_SERVER?: string;

  /** Simulations a worker runs at once (each is a test server, a worker and a scratch database). */
  @IsInt({ message: 'ACCORD_SIMULATION_SLOTS must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_SIMULATION_SLOTS must be a whole number from 1' })
  ACCORD_SIMULATION_SLOTS = 1;
}

/** An entry of ACCORD_TRUSTED_PROXIES as Express's `trust proxy` reads it: an address, a CIDR or a named range. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const NUMERIC = [
  'PORT',
  'ACCORD_FEEDBACK_LIMIT',
  'ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS',
  'ACCORD_PROJECT_HISTORY_BUDGET',
  'ACCORD_STAGE_HISTORY_BUDGET',
  'ACCORD_IDEMPOTENCY_TTL_HOURS',
  'ACCORD_NOTIFICATION_MAX_ATTEMPTS',
  'ACCORD_NOTIFICATION_BACKOFF_SECONDS',
  'ACCORD_NOTIFICATION_BACKOFF_CAP_SECONDS',
  'ACCORD_NOTIFICATION_SEND_TIMEOUT_SECONDS',
  'ACCORD_WEBHOOK_MAX_ATTEMPTS',
  'ACCORD_WEBHOOK_BACKOFF_SECONDS',
  'ACCORD_WEBHOOK_BACKOFF_CAP_SECONDS',
  'ACCORD_WEBHOOK_TIMEOUT_SECONDS',
  'ACCORD_METRICS_PORT',
  'ACCORD_WORKER_METRICS_PORT',
  'ACCORD_SIMULATION_SLOTS',
];

/** Reads and validates the configuration; `required` names variables this process cannot run without. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, required: (keyof AccordConfig)[] = []): AccordConfig {
  const known = Object.keys(new AccordConfig());
  const raw: Record<string, unknown> = {};
  for (const name of [
    ...known,
    'DATABASE_URL',
    'ACCORD_JWT_SECRET',
    'ACCORD_DEFINITIONS_DIR',
    'ACCORD_LOCAL_SIGN_IN',
    'ACCORD_TEMPORAL_UI_URL',
    'ACCORD_TRUSTED_PROXIES',
    'ACCORD_OIDC_ISSUER',
    'ACCORD_OIDC_AUDIENCE',
    'ACCORD_OIDC_CLIENT_ID',
    'ACCORD_OIDC_CLIENT_SECRET',
    'ACCORD_OIDC_PROVIDER_NAME',
    'ACCORD_PUBLIC_URL',
    'ACCORD_METRICS_PORT',
    'ACCORD_WORKER_METRICS_PORT',
    'ACCORD_TEMPORAL_TEST_SERVER',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'OTEL_SERVICE_NAME',
  ]) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = NUMERIC.includes(name) && /^\d+$/.test(value) ? Number(value) : value;
  }
  const config = plainToInstance(AccordConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  for (const name of required) {
    // With a company's identity provider, the API mints no tokens of its own and needs no secret.
    if (name === 'ACCORD_JWT_SECRET' && config.ACCORD_OIDC_ISSUER !== undefined) continue;
    if (config[name] === undefined) problems.push(`${String(name)}: must be set`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
