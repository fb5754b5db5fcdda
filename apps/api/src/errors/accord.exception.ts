import type { FieldError } from '@accord/contracts';

/** Every error code the API answers with; the filter maps each to an HTTP status. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  UNKNOWN_DEFINITION = 'UNKNOWN_DEFINITION',
  PROJECT_NOT_FOUND = 'PROJECT_NOT_FOUND',
  PROJECT_MIGRATION_REFUSED = 'PROJECT_MIGRATION_REFUSED',
  PROJECT_ENDED = 'PROJECT_ENDED',
  PROJECT_EVENT_UNHANDLED = 'PROJECT_EVENT_UNHANDLED',
  /** An event's data does not fit the form its signal's handlers declare; details say where (`data.severity`). */
  PROJECT_EVENT_INVALID_DATA = 'PROJECT_EVENT_INVALID_DATA',
  PROJECT_BETWEEN_STAGES = 'PROJECT_BETWEEN_STAGES',
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  TASK_NOT_OPEN = 'TASK_NOT_OPEN',
  TASK_ALREADY_COMPLETED = 'TASK_ALREADY_COMPLETED',
  TASK_CANCELLED = 'TASK_CANCELLED',
  TASK_EXPIRED = 'TASK_EXPIRED',
  TASK_CLAIMED_BY_OTHER = 'TASK_CLAIMED_BY_OTHER',
  TASK_NOT_CLAIMED = 'TASK_NOT_CLAIMED',
  TASK_INVALID_OUTCOME = 'TASK_INVALID_OUTCOME',
  TASK_INVALID_DATA = 'TASK_INVALID_DATA',
  DEFINITION_NOT_FOUND = 'DEFINITION_NOT_FOUND',
  DEFINITION_INVALID = 'DEFINITION_INVALID',
  DEFINITION_KEY_MISMATCH = 'DEFINITION_KEY_MISMATCH',
  DEFINITION_VERSION_IMMUTABLE = 'DEFINITION_VERSION_IMMUTABLE',
  DEFINITION_UNCHANGED = 'DEFINITION_UNCHANGED',
  DEFINITION_DEPRECATED = 'DEFINITION_DEPRECATED',
  DEFINITION_NOT_RUNNABLE = 'DEFINITION_NOT_RUNNABLE',
  DRAFT_NOT_FOUND = 'DRAFT_NOT_FOUND',
  FEEDBACK_LINK_UNKNOWN = 'FEEDBACK_LINK_UNKNOWN',
  CUSTOMER_IMPORT_INVALID = 'CUSTOMER_IMPORT_INVALID',
  RATE_LIMITED = 'RATE_LIMITED',
  INCIDENT_NOT_FOUND = 'INCIDENT_NOT_FOUND',
  INCIDENT_NOT_OPEN = 'INCIDENT_NOT_OPEN',
  INCIDENT_NOT_SKIPPABLE = 'INCIDENT_NOT_SKIPPABLE',
  NOTIFICATION_NOT_FOUND = 'NOTIFICATION_NOT_FOUND',
  NOTIFICATION_NOT_DEAD = 'NOTIFICATION_NOT_DEAD',
  ENGINE_UNAVAILABLE = 'ENGINE_UNAVAILABLE',
  /** A roll-up (team KPI report, customer record) ran past ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS and was cancelled. */
  ROLLUP_TIMEOUT = 'ROLLUP_TIMEOUT',
  /** The Idempotency-Key was used, by the same caller on the same route and resource, for another body. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  SIMULATION_NOT_FOUND = 'SIMULATION_NOT_FOUND',
  /** The admin's earlier simulation is still queued or running: one at a time each. */
  SIMULATION_ALREADY_RUNNING = 'SIMULATION_ALREADY_RUNNING',
  SIMULATION_ENDED = 'SIMULATION_ENDED',
  /** The draft or its actors script cannot be simulated; details say where. */
  SIMULATION_INPUT_INVALID = 'SIMULATION_INPUT_INVALID',
  /** No worker here can run simulations (none has the time-skipping test server). */
  SIMULATION_UNAVAILABLE = 'SIMULATION_UNAVAILABLE',
  /** Every simulation slot is taken and the queue is full; Retry-After says when to try again. */
  SIMULATION_BUSY = 'SIMULATION_BUSY',
  INTERNAL = 'INTERNAL',
}

/** An error as a value: a code, a message for people, and the paths of what is wrong. */
export class AccordException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldError[] = [],
    /** For RATE_LIMITED and SIMULATION_BUSY: when to try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class AuthException extends AccordException {}
export class ProjectException extends AccordException {}
export class TaskException extends AccordException {}
export class DefinitionException extends AccordException {}
export class FeedbackException extends AccordException {}
export class ExpectationException extends AccordException {}
export class CustomerException extends AccordException {}
export class IncidentException extends AccordException {}
export class NotificationException extends AccordException {}
export class SimulationException extends AccordException {}
export class IdempotencyException extends AccordException {}
