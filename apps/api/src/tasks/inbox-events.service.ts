import { Injectable, type MessageEvent, type OnModuleDestroy } from '@nestjs/common';
import { concatMap, filter, interval, map, merge, NEVER, type Observable, of, share, Subject, takeUntil, timer } from 'rxjs';
import { bufferTime } from 'rxjs/operators';
import { DataSource } from 'typeorm';
import { AccessRepository, type TaskChangeNotice } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { TaskChangesListener } from './task-changes.listener';

/** Notices arriving this close together are told as one: a decision touches several rows. */
const BATCH_MS = 50;
/** A comment-like event keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

/** The longest delay a Node.js timer keeps (about 24.8 days); a longer one would fire at once. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Fires when a credential expires; never, for one without expiry or beyond what a timer can wait. */
function untilExpiry(expiresAt: Date | undefined): Observable<unknown> {
  const remaining = expiresAt ? expiresAt.getTime() - Date.now() : Infinity;
  return remaining <= LONGEST_TIMER_MS ? timer(Math.max(0, remaining)) : NEVER;
}

/** Whose inbox may have changed: everyone, or these users. */
type Audience = 'everyone' | Set<string>;

/**
 * Live inboxes: tells each connected person, as a server-sent event, that their inbox may have
 * changed, so their page asks again. The event carries no task: what a person may see is
 * decided where it always is, by the inbox query.
 */
@Injectable()
export class InboxEventsService implements OnModuleDestroy {
  private readonly closing = new Subject<void>();
  private readonly audiences: Observable<Audience>;
  private readonly memberships: AccessRepository;

  constructor(
    private readonly listener: TaskChangesListener,
    dataSource: DataSource,
  ) {
    this.memberships = new AccessRepository(dataSource);
    this.audiences = this.listener.notices.pipe(
      bufferTime(BATCH_MS),
      filter((notices) => notices.length > 0),
      concatMap((notices) => this.audienceOf(notices)),
      share(),
    );
  }

  /**
   * The caller's stream: `ready` once, then `inbox` whenever their inbox may have changed,
   * until their credential expires (the browser then reconnects, and signs in again if asked).
   */
  stream(user: AuthUser): Observable<MessageEvent> {
    this.listener.start();
    return merge(
      of<MessageEvent>({ type: 'ready', data: { user: user.userId } }),
      this.audiences.pipe(
        filter((audience) => audience === 'everyone' || audience.has(user.userId)),
        map((): MessageEvent => ({ type: 'inbox', data: { at: new Date().toISOString() } })),
      ),
      interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} }))),
    ).pipe(takeUntil(merge(this.closing, untilExpiry(user.expiresAt))));
  }

  onModuleDestroy(): void {
    // Open streams would otherwise hold the HTTP server open on shutdown.
    this.closing.next();
    this.closing.complete();
  }

  /** The people told of a batch: those named in it, and the members of its projects. */
  private async audienceOf(notices: TaskChangeNotice[]): Promise<Audience> {
    if (notices.some((notice) => 'all' in notice)) return 'everyone';
    const changed = notices as Exclude<TaskChangeNotice, { all: true }>[];
    const users = new Set(changed.flatMap((notice) => notice.users));
    const projects = [...new Set(changed.flatMap((notice) => notice.projects))];
    if (projects.length === 0) return users;
    try {
      for (const member of await this.memberships.membersOf(projects)) users.add(member);
      return users;
    } catch {
      // Without the members, telling everyone costs a refresh each; telling no one loses the change.
      return 'everyone';
    }
  }
}
