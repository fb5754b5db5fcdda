import { RECORD_KEY, type FieldError } from '@accord/contracts';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import type { CustomerListSort } from './dto/customer-list-query.dto';

/** Where the previous page ended: its last customer's sort figure (null: none) and key. */
export interface CustomerListCursor {
  sort: CustomerListSort;
  key: [string | number | null, string];
}

/** The order of the list: name A to Z, or the highest value or churn score first (no value last); the key breaks ties. */
export function compareForSort(sort: CustomerListSort, a: CustomerListCursor['key'], b: CustomerListCursor['key']): number {
  const [figureA, keyA] = a;
  const [figureB, keyB] = b;
  if (sort === 'name') return String(figureA).localeCompare(String(figureB), 'en') || keyA.localeCompare(keyB);
  if (figureA !== figureB) {
    if (figureA === null) return 1;
    if (figureB === null) return -1;
    return Number(figureB) - Number(figureA);
  }
  return keyA.localeCompare(keyB);
}

/** Opaque to clients: base64url JSON. */
export function encodeCustomerCursor(cursor: CustomerListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCustomerCursor(text: string, sort: CustomerListSort): CustomerListCursor {
  const invalid = (message: string): never => {
    const details: FieldError[] = [{ path: 'cursor', message }];
    throw new CustomerException(ErrorCode.VALIDATION_FAILED, `Invalid cursor: ${message}`, details);
  };
  let cursor: CustomerListCursor;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as CustomerListCursor;
  } catch {
    // Anything that is not our base64url JSON is simply not a cursor.
    return invalid('not a cursor from a previous page');
  }
  if (!cursor || !Array.isArray(cursor.key) || cursor.key.length !== 2) return invalid('not a cursor from a previous page');
  if (cursor.sort !== sort) return invalid(`it belongs to sort=${String(cursor.sort)}, not sort=${sort}`);
  const [figure, key] = cursor.key;
  const figureFits = sort === 'name' ? typeof figure === 'string' : figure === null || (typeof figure === 'number' && Number.isFinite(figure));
  return figureFits && typeof key === 'string' && RECORD_KEY.test(key) ? { sort, key: [figure, key] } : invalid('not a cursor from a previous page');
}
