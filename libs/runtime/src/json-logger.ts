import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from './accord.config';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Structured logs: one JSON object per line on stdout, for any log shipper. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  /** Writes one entry with extra structured fields. */
  entry(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    if (RANK[level] < RANK[this.level]) return;
    this.write(JSON.stringify({ time: new Date().toISOString(), level, service: this.service, msg: message, ...fields }));
  }

  log(message: unknown, context?: string): void {
    this.entry('info', String(message), context ? { context } : {});
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.entry('error', message instanceof Error ? message.message : String(message), {
      ...(context ? { context } : {}),
      ...(trace ? { trace } : message instanceof Error ? { trace: message.stack } : {}),
    });
  }

  warn(message: unknown, context?: string): void {
    this.entry('warn', String(message), context ? { context } : {});
  }

  debug(message: unknown, context?: string): void {
    this.entry('debug', String(message), context ? { context } : {});
  }

  verbose(message: unknown, context?: string): void {
    this.debug(message, context);
  }
}
