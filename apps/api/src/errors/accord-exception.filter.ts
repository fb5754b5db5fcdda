import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AccordException, ErrorCode } from './accord.exception';

const STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.UNKNOWN_DEFINITION]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PROJECT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.PROJECT_MIGRATION_REFUSED]: HttpStatus.CONFLICT,
  [ErrorCode.PROJECT_ENDED]: HttpStatus.CONFLICT,
  [ErrorCode.PROJECT_EVENT_UNHANDLED]: HttpStatus.CONFLICT,
  [ErrorCode.PROJECT_EVENT_INVALID_DATA]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PROJECT_BETWEEN_STAGES]: HttpStatus.CONFLICT,
  [ErrorCode.TASK_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.TASK_NOT_OPEN]: HttpStatus.CONFLICT,
  [ErrorCode.TASK_ALREADY_COMPLETED]: HttpStatus.CONFLICT,
  [ErrorCode.TASK_CANCELLED]: HttpStatus.CONFLICT,
  [ErrorCode.TASK_EXPIRED]: HttpStatus.CONFLICT,
  [ErrorCode.TASK_CLAIMED_BY_OTHER]: HttpStatus.CONFLICT,
  [ErrorCode.TASK_NOT_CLAIMED]: HttpStatus.CONFLICT,
  [ErrorCode.TASK_INVALID_OUTCOME]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TASK_INVALID_DATA]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.DEFINITION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.DEFINITION_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.DEFINITION_KEY_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.DEFINITION_VERSION_IMMUTABLE]: HttpStatus.CONFLICT,
  [ErrorCode.DEFINITION_UNCHANGED]: HttpStatus.CONFLICT,
  [ErrorCode.DEFINITION_DEPRECATED]: HttpStatus.CONFLICT,
  [ErrorCode.DEFINITION_NOT_RUNNABLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.DRAFT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.FEEDBACK_LINK_UNKNOWN]: HttpStatus.NOT_FOUND,
  [ErrorCode.CUSTOMER_IMPORT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.INCIDENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.INCIDENT_NOT_OPEN]: HttpStatus.CONFLICT,
  [ErrorCode.INCIDENT_NOT_SKIPPABLE]: HttpStatus.CONFLICT,
  [ErrorCode.NOTIFICATION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.NOTIFICATION_NOT_DEAD]: HttpStatus.CONFLICT,
  [ErrorCode.ENGINE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.ROLLUP_TIMEOUT]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SIMULATION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.SIMULATION_ALREADY_RUNNING]: HttpStatus.CONFLICT,
  [ErrorCode.SIMULATION_ENDED]: HttpStatus.CONFLICT,
  [ErrorCode.SIMULATION_INPUT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SIMULATION_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.SIMULATION_BUSY]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.INTERNAL]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Turns every error into `{ code, message, details }` with the status its code implies. */
@Catch()
export class AccordExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof AccordException) {
      if (error.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      response.status(STATUS[error.code]).json({ code: error.code, message: error.message, details: error.details });
      return;
    }
    if (error instanceof HttpException) {
      // Nest's own errors: unknown routes, malformed JSON bodies, payloads too large.
      const status = error.getStatus();
      const code = status === HttpStatus.NOT_FOUND ? ErrorCode.NOT_FOUND : status < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
      response.status(status).json({ code, message: error.message, details: [] });
      return;
    }
    const refused = bodyParserRefusal(error);
    if (refused) {
      response.status(STATUS[refused.code]).json(refused);
      return;
    }
    this.logger.error(error instanceof Error ? error : String(error));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ code: ErrorCode.INTERNAL, message: 'Internal error', details: [] });
  }
}

/**
 * The body parser's own refusals (http-errors with `expose` and a 4xx status): a body over
 * the limit, an unknown charset or encoding, JSON that does not parse. They are the caller's
 * to fix, so they keep their status instead of becoming a 500.
 */
function bodyParserRefusal(error: unknown): { code: ErrorCode; message: string; details: [] } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, expose, type, message } = error as { status?: unknown; expose?: unknown; type?: unknown; message?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const code = status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : status === 415 ? ErrorCode.UNSUPPORTED_MEDIA_TYPE : ErrorCode.VALIDATION_FAILED;
  const detail = typeof type === 'string' ? ` (${type})` : '';
  return { code, message: `${typeof message === 'string' ? message : 'The request body cannot be read'}${detail}`, details: [] };
}
