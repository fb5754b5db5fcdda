import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

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

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Feedback a project's public online-form link accepts per hour (and per address), beyond which it answers 429. */
  @IsInt({ message: 'ACCORD_FEEDBACK_LIMIT must be a whole number from 1' })
  @Min(1, { message: 'ACCORD_FEEDBACK_LIMIT must be a whole number from 1' })
  ACCORD_FEEDBACK_LIMIT = 20;

  /** History events after which a project's workflow continues as new: lower it to see it happen, raise it for fewer runs. */
  @IsInt({ message: 'ACCORD_PROJECT_HISTORY_BUDGET must be a whole number from 50' })
  @Min(50, { message: 'ACCORD_PROJECT_HISTORY_BUDGET must be a whole number from 50' })
  ACCORD_PROJECT_HISTORY_BUDGET = 5_000;

  /** Folder of the process definitions published at start. */
  @IsOptional()
  @IsString()
  ACCORD_DEFINITIONS_DIR?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const NUMERIC = ['PORT', 'ACCORD_FEEDBACK_LIMIT', 'ACCORD_PROJECT_HISTORY_BUDGET'];

/** Reads and validates the configuration; `required` names variables this process cannot run without. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, required: (keyof AccordConfig)[] = []): AccordConfig {
  const known = Object.keys(new AccordConfig());
  const raw: Record<string, unknown> = {};
  for (const name of [...known, 'DATABASE_URL', 'ACCORD_JWT_SECRET', 'ACCORD_DEFINITIONS_DIR']) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = NUMERIC.includes(name) && /^\d+$/.test(value) ? Number(value) : value;
  }
  const config = plainToInstance(AccordConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { stopAtFirstError: true }).flatMap((error) => Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`));
  for (const name of required) {
    if (config[name] === undefined) problems.push(`${String(name)}: must be set`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
