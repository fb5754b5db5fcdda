import { type ArgumentMetadata, applyDecorators, Injectable, type PipeTransform } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { AccordException, ErrorCode } from '../errors/accord.exception';

/** The largest version number a PostgreSQL `integer` column holds. */
export const MAX_VERSION = 2_147_483_647;

/** A version number in a DTO: a whole number from 1 to what its column can hold. */
export const IsVersionNumber = () => applyDecorators(IsInt(), Min(1), Max(MAX_VERSION));

/** A version number in a path or query parameter; anything else is a 400 naming the parameter. */
@Injectable()
export class ParseVersionPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const version = /^\d{1,10}$/.test(value ?? '') ? Number(value) : NaN;
    if (Number.isInteger(version) && version >= 1 && version <= MAX_VERSION) return version;
    const path = metadata.data ?? 'version';
    throw new AccordException(ErrorCode.VALIDATION_FAILED, `Invalid request: ${path}`, [
      { path, message: `must be a version number from 1 to ${MAX_VERSION}` },
    ]);
  }
}
