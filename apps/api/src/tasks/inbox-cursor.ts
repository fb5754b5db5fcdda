import type { FieldError } from '@accord/contracts';
import { ErrorCode, TaskException } from '../errors/accord.exception';
import type { InboxSort } from './dto/inbox-query.dto';

/** Where the previous page ended: the sort key values and the id of its last task. */
export interface InboxCursor {
  sort: InboxSort;
  key: (string | number)[];
}

/** Opaque to clients: base64url JSON. */
export function encodeCursor(cursor: InboxCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string, sort: InboxSort): InboxCursor {
  const invalid = (message: string): never => {
    const details: FieldError[] = [{ path: 'cursor', message }];
    throw new TaskException(ErrorCode.VALIDATION_FAILED, `Invalid cursor: ${message}`, details);
  };
  let cursor: InboxCursor;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as InboxCursor;
  } catch {
    // Anything that is not our base64url JSON is simply not a cursor.
    return invalid('not a cursor from a previous page');
  }
  if (!cursor || !Array.isArray(cursor.key) || cursor.key.some((part) => typeof part !== 'string' && typeof part !== 'number'))
    return invalid('not a cursor from a previous page');
  if (cursor.sort !== sort) return invalid(`it belongs to sort=${cursor.sort}, not sort=${sort}`);
  return cursor;
}
