import type { ValidationError } from 'class-validator';
import type { FieldError } from '@accord/contracts';
import { AccordException, ErrorCode } from './accord.exception';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** The ValidationPipe's exception factory: every failed constraint with its property path. */
export function toValidationException(errors: ValidationError[]): AccordException {
  const details = flatten(errors);
  return new AccordException(ErrorCode.VALIDATION_FAILED, `Invalid request: ${details.map((d) => d.path).join(', ')}`, details);
}
