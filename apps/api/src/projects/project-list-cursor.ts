import type { FieldError } from '@accord/contracts';
import { unstorableTextProblem } from '@accord/domain';
import { ErrorCode, ProjectException } from '../errors/accord.exception';
import type { ProjectListSort } from './dto/project-list-query.dto';

/** Where the previous page ended: its last project's sort key and id. */
export interface ProjectListCursor {
  sort: ProjectListSort;
  key: [string, string];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The instant as the page query writes it: UTC with microseconds, so no two changes a microsecond apart tie. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/** Opaque to clients: base64url JSON. */
export function encodeProjectCursor(cursor: ProjectListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/**
 * The cursor, checked down to each key part: the parts become SQL parameters cast to
 * timestamptz and uuid, and a part PostgreSQL refuses would be a 500 instead of a 400.
 */
export function decodeProjectCursor(text: string, sort: ProjectListSort): ProjectListCursor {
  const invalid = (message: string): never => {
    const details: FieldError[] = [{ path: 'cursor', message }];
    throw new ProjectException(ErrorCode.VALIDATION_FAILED, `Invalid cursor: ${message}`, details);
  };
  let cursor: ProjectListCursor;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ProjectListCursor;
  } catch {
    // Anything that is not our base64url JSON is simply not a cursor.
    return invalid('not a cursor from a previous page');
  }
  if (!cursor || !Array.isArray(cursor.key) || cursor.key.length !== 2 || cursor.key.some((part) => typeof part !== 'string'))
    return invalid('not a cursor from a previous page');
  if (cursor.sort !== sort) return invalid(`it belongs to sort=${String(cursor.sort)}, not sort=${sort}`);
  const [value, id] = cursor.key;
  const valid = UUID.test(id) && (sort === 'name' ? unstorableTextProblem(value) === undefined : isInstant(value));
  return valid ? { sort, key: [value, id] } : invalid('not a cursor from a previous page');
}

/** A real instant, not only its shape: Date.parse would take 30 February as 2 March. */
function isInstant(text: string): boolean {
  const parts = INSTANT.exec(text);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second)).toISOString().slice(0, 19) === text.slice(0, 19);
}
