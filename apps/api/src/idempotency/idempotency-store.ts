import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { IdempotencyKeysRepository } from '@accord/persistence';
import type { IdempotencyClaim, IdempotencyScope } from './idempotency-scope';

/** A stored answer: what the first request with the key got. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** What a request holding a key may do. */
export type Reservation =
  /** The key is this request's: run it, then `complete` or `release` with the token. */
  | { kind: 'reserved'; token: string }
  /** The same request was answered: replay its answer. */
  | { kind: 'answered'; answer: StoredAnswer }
  /** Another request (another body) holds the key. */
  | { kind: 'reused' }
  /** The same request is still running elsewhere. */
  | { kind: 'in-flight'; retryAfterSeconds: number };

/** Expired keys deleted by each reservation: more than one reservation adds, so they never pile up. */
const SWEEP_BATCH = 100;

/**
 * Idempotency keys in PostgreSQL (table idempotency_keys), so every API process and every run of
 * a project's workflow see the same keys. A reservation is one atomic upsert: the key is taken
 * when it is new, expired, or held by a request with the same fingerprint whose lease ran out
 * (its API process died mid-request); otherwise the row says what the caller gets.
 */
export class IdempotencyStore {
  private readonly keys: IdempotencyKeysRepository;

  constructor(
    db: EntityManager,
    private readonly ttlHours: number,
    /** How long a request may run before another with the same key and body may take over. */
    private readonly leaseSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.keys = new IdempotencyKeysRepository(db);
  }

  async reserve(scope: IdempotencyScope, claim: IdempotencyClaim, fingerprint: string): Promise<Reservation> {
    const now = this.now();
    await this.keys.sweepExpired(now, SWEEP_BATCH);
    // A row deleted between the upsert and the read is free again: one more try takes it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = randomUUID();
      const taken = await this.keys.reserve({
        scope: scope.id,
        caller: claim.caller,
        operation: claim.operation,
        resource: claim.resource,
        idempotencyKey: claim.key,
        fingerprint,
        reservation: token,
        now,
        leaseSeconds: this.leaseSeconds,
        ttlHours: this.ttlHours,
      });
      if (taken) return { kind: 'reserved', token };
      const held = await this.keys.held(scope.id);
      if (!held) continue;
      if (held.fingerprint !== fingerprint) return { kind: 'reused' };
      if (held.status === null) return { kind: 'in-flight', retryAfterSeconds: Math.max(1, Math.ceil((held.leasedUntil.getTime() - now.getTime()) / 1000)) };
      return { kind: 'answered', answer: { status: held.status, body: held.response?.body } };
    }
    return { kind: 'in-flight', retryAfterSeconds: 1 };
  }

  /** Keeps the answer for repeats; a no-op when the reservation was taken over meanwhile. */
  async complete(scope: IdempotencyScope, token: string, answer: StoredAnswer): Promise<void> {
    await this.keys.storeAnswer(scope.id, token, answer.status, answer.body);
  }

  /** Frees the key of a request that failed, so that its retry runs afresh. */
  async release(scope: IdempotencyScope, token: string): Promise<void> {
    await this.keys.release(scope.id, token);
  }
}
