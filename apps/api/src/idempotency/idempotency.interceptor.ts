import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, defer, mergeMap, type Observable, of, throwError, timer } from 'rxjs';
import type { AuthUser } from '../auth/auth-user';
import { withCallerKey } from './caller-key';
import { IDEMPOTENCY_OPTIONS, type IdempotencyOptions } from './idempotency-key.decorator';
import { keyReused } from './idempotency-refusal';
import { type IdempotencyClaim, type IdempotencyScope, idempotencyScope } from './idempotency-scope';
import { IdempotencyStore } from './idempotency-store';
import { requestFingerprint } from './request-fingerprint';

/** The response header that marks an answer given again for a repeated key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** How often a repeat waiting on a request in flight looks again. */
const IN_FLIGHT_POLL_MS = 100;

/** The DTOs' bounds on a body `requestId`; one outside them is left for the validation pipe to refuse. */
const MAX_BODY_KEY = 200;

type KeyedRequest = Request & { user?: AuthUser };

/**
 * Makes an Idempotency-Key mean one request (issue 14 point 1). For an endpoint marked with
 * @IdempotencyKey, a key is scoped to the caller, the route and its path parameters and
 * remembered in PostgreSQL with a fingerprint of the body: a repeat replays the first answer, the
 * same key with another body is refused. The handler then sees, in place of the raw key, a key
 * derived from that scope, so every Temporal update id, audit id and project id a service builds
 * from it belongs to this one request, with no service changed. Temporal's own deduplication by
 * update id is per workflow run and blind to the update's arguments; this is neither.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotencyOptions | undefined>(IDEMPOTENCY_OPTIONS, context.getHandler());
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const sent = options ? keyOf(request) : undefined;
    if (!options || !sent) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const claim: IdempotencyClaim = {
      // The public form has no account: its token, a path parameter, is the caller. See docs/idempotency.md.
      caller: request.user ? `user:${request.user.userId}` : 'anonymous',
      operation: `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
      resource: { ...(request.params as Record<string, string>) },
      key: sent.key,
    };
    const scope = idempotencyScope(claim);
    const fingerprint = requestFingerprint(request.body);
    return defer(() => this.store.reserve(scope, claim, fingerprint)).pipe(
      mergeMap((reservation): Observable<unknown> => {
        switch (reservation.kind) {
          case 'reserved':
            return this.firstRun(request, response, next, sent, scope, reservation.token);
          case 'answered':
            response.setHeader(REPLAYED_HEADER, 'true');
            if (options.replay === 'current') return this.handle(request, next, sent, scope);
            response.status(reservation.answer.status);
            return of(reservation.answer.body);
          case 'reused':
            return throwError(() => keyReused(claim.operation));
          case 'in-flight':
            // The same request is running (a double click, or a retry of one whose API process died):
            // wait for its answer, and take the key over once its lease runs out. Both carry the same
            // derived key, so if both reach the workflow, Temporal takes the update once.
            return timer(IN_FLIGHT_POLL_MS).pipe(mergeMap(() => this.intercept(context, next)));
        }
      }),
    );
  }

  private firstRun(request: KeyedRequest, response: Response, next: CallHandler, sent: SentKey, scope: IdempotencyScope, token: string): Observable<unknown> {
    return this.handle(request, next, sent, scope).pipe(
      mergeMap(async (body) => {
        await this.store.complete(scope, token, { status: response.statusCode, body });
        return body;
      }),
      // An error answer changed nothing: the key is freed, and a retry is judged afresh rather than told a stale 403 or 409 for a day.
      catchError((error: unknown) =>
        defer(async () => {
          await this.store.release(scope, token).catch(() => undefined); // the lease frees it if PostgreSQL is gone; the first error is the one to report
          throw error;
        }),
      ),
    );
  }

  /** Runs the handler with the derived key in place of the caller's, and answers with the caller's key. */
  private handle(request: KeyedRequest, next: CallHandler, sent: SentKey, scope: IdempotencyScope): Observable<unknown> {
    request.headers['idempotency-key'] = scope.derivedKey;
    if (sent.from === 'body') (request.body as { requestId: string }).requestId = scope.derivedKey;
    return next.handle().pipe(mergeMap(async (body: unknown) => withCallerKey(body, scope.derivedKey, sent.key)));
  }
}

interface SentKey {
  key: string;
  from: 'header' | 'body';
}

/** The header's key (StorableInputMiddleware has checked it), else a body `requestId` within the DTOs' bounds. */
function keyOf(request: Request): SentKey | undefined {
  const header = request.headers['idempotency-key'];
  if (typeof header === 'string') return { key: header, from: 'header' };
  const body: unknown = request.body;
  const key = typeof body === 'object' && body !== null ? (body as { requestId?: unknown }).requestId : undefined;
  return typeof key === 'string' && key.length >= 1 && key.length <= MAX_BODY_KEY ? { key, from: 'body' } : undefined;
}
