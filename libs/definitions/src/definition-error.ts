/** What is wrong with a definition document, one code per kind of mistake. */
export enum DefinitionErrorCode {
  YAML_SYNTAX = 'YAML_SYNTAX',
  REQUIRED = 'REQUIRED',
  WRONG_TYPE = 'WRONG_TYPE',
  INVALID_VALUE = 'INVALID_VALUE',
  UNKNOWN_PROPERTY = 'UNKNOWN_PROPERTY',
  UNKNOWN_ROLE = 'UNKNOWN_ROLE',
  UNKNOWN_FORM = 'UNKNOWN_FORM',
  DUPLICATE_ID = 'DUPLICATE_ID',
  BAD_DURATION = 'BAD_DURATION',
  BAD_POLICY = 'BAD_POLICY',
  BAD_EXPRESSION = 'BAD_EXPRESSION',
  UNKNOWN_VARIABLE = 'UNKNOWN_VARIABLE',
  UNKNOWN_STEP = 'UNKNOWN_STEP',
  UNKNOWN_STAGE = 'UNKNOWN_STAGE',
  UNREACHABLE_STEP = 'UNREACHABLE_STEP',
  UNREACHABLE_STAGE = 'UNREACHABLE_STAGE',
  GATE_WITHOUT_DEFAULT = 'GATE_WITHOUT_DEFAULT',
  CYCLE_WITHOUT_EXIT = 'CYCLE_WITHOUT_EXIT',
  BAD_CALENDAR = 'BAD_CALENDAR',
  DURATION_OUT_OF_RANGE = 'DURATION_OUT_OF_RANGE',
  CADENCE_TOO_FREQUENT = 'CADENCE_TOO_FREQUENT',
  IMPOSSIBLE_DATE = 'IMPOSSIBLE_DATE',
  CONTRADICTORY_BOUNDS = 'CONTRADICTORY_BOUNDS',
  HANDLER_STARTS_OWN_STAGE = 'HANDLER_STARTS_OWN_STAGE',
  CONFLICTING_HANDLERS = 'CONFLICTING_HANDLERS',
  NESTING_TOO_DEEP = 'NESTING_TOO_DEEP',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  UNSUPPORTED_YAML = 'UNSUPPORTED_YAML',
}

/** One error: code, path (`stages[0].steps[1].assignee.role`), message, and 1-based YAML position. */
export interface DefinitionError {
  code: DefinitionErrorCode;
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type PathSegment = string | number;

/** `['stages', 0, 'steps']` → `stages[0].steps`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '');
}
