import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { FieldError } from '@accord/contracts';
import { AccordException, ErrorCode } from '../errors/accord.exception';
import { unstorableText } from './unstorable-text';

/** Idempotency keys are stored and hashed into update and audit ids (IdempotencyInterceptor): short, printable, and the same bytes everywhere. */
const MAX_IDEMPOTENCY_KEY = 200;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * Refuses, before any guard, service or workflow sees it, a request holding text that
 * PostgreSQL cannot store (NUL, unpaired surrogates), JSON nested without end, or an
 * unusable Idempotency-Key: a 400 naming the path, and nothing written (R-REL-3). Without
 * it such text reached an activity that then failed on every retry, and its project stalled.
 */
@Injectable()
export class StorableInputMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const errors: FieldError[] = [...this.pathErrors(request), ...unstorableText(request.query), ...this.keyErrors(request), ...unstorableText(request.body)];
    if (errors.length > 0) throw new AccordException(ErrorCode.VALIDATION_FAILED, `Invalid request: ${errors.map((error) => error.path).join(', ')}`, errors);
    next();
  }

  private pathErrors(request: Request): FieldError[] {
    // Middleware is mounted on a pattern, so `path` is relative to it: the whole URL says what was asked.
    const [path] = request.originalUrl.split('?');
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return [{ path: '(url)', message: 'is not valid percent-encoded UTF-8' }];
    }
    return unstorableText(decoded).map((error) => ({ ...error, path: '(url)' }));
  }

  private keyErrors(request: Request): FieldError[] {
    const key = request.headers['idempotency-key'];
    if (key === undefined) return [];
    const path = 'Idempotency-Key';
    if (Array.isArray(key)) return [{ path, message: 'must be sent once' }];
    if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY) return [{ path, message: `must be 1 to ${MAX_IDEMPOTENCY_KEY} characters` }];
    if (!PRINTABLE_ASCII.test(key)) return [{ path, message: 'must be printable ASCII' }];
    return [];
  }
}
