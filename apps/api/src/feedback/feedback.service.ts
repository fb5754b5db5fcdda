import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { COMPLAINT_SIGNAL, projectEventId } from '@accord/contracts';
import { FeedbackRepository } from '@accord/persistence';
import { AccordConfig } from '@accord/runtime';
import type { AuthUser } from '../auth/auth-user';
import { ErrorCode, FeedbackException } from '../errors/accord.exception';
import { ProjectsService } from '../projects/projects.service';
import type {
  FeedbackItemResponse,
  FeedbackLinkResponse,
  FeedbackLinkStatusResponse,
  FeedbackReceivedResponse,
  PublicFeedbackDto,
  SubmitFeedbackDto,
} from './dto/feedback.dto';
import { FeedbackRateLimiter, type RateVerdict } from './feedback-rate-limiter';

/** Who raises feedback that arrives through a project's public online form. */
export const ONLINE_FORM_ACTOR = 'online-form';
const HOUR = 3_600_000;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** Rate-limit scopes: submissions through one link from one address, and unknown links tried from one address. */
const SUBMISSIONS = 'feedback-form';
const GUESSES = 'feedback-guess';

function refuseWhenOver(verdict: RateVerdict, what: string): void {
  if (!verdict.allowed)
    throw new FeedbackException(ErrorCode.RATE_LIMITED, `${what}: try again in ${verdict.retryAfterSeconds} s`, [], verdict.retryAfterSeconds);
}

/**
 * Customer feedback by every channel (R-EXP-6): each item raises the feedback or complaint
 * event, whose sub-process routes it to an owner and follows it to closure with reminders.
 */
@Injectable()
export class FeedbackService {
  private readonly limiter: FeedbackRateLimiter;

  private readonly feedback: FeedbackRepository;

  constructor(
    dataSource: DataSource,
    private readonly projects: ProjectsService,
    config: AccordConfig,
  ) {
    this.limiter = new FeedbackRateLimiter(dataSource.manager, config.ACCORD_FEEDBACK_LIMIT, HOUR);
    this.feedback = new FeedbackRepository(dataSource);
  }

  /** A member's feedback, raised as any event a member raises: the definition's raisedBy and form for it apply. */
  async submit(user: AuthUser, projectId: string, dto: SubmitFeedbackDto, requestId: string | undefined): Promise<FeedbackReceivedResponse> {
    const data = { channel: dto.channel, description: dto.description, complaint: dto.complaint ?? false, contact: dto.contact };
    return this.raise(projectId, data, requestId, (event, id) => this.projects.raiseEvent(user, projectId, event, id));
  }

  /**
   * The online form: the token is the whole authorisation. A real link counts submissions per
   * link and client address, so no one else's hits use up a customer's form; unknown links
   * count per address only, and an address over that limit is refused before any lookup, so
   * that its guesses learn nothing, not even a right one.
   */
  async submitPublic(token: string, dto: PublicFeedbackDto, address: string, requestId: string | undefined): Promise<FeedbackReceivedResponse> {
    const tokenHash = hashOf(token);
    refuseWhenOver(await this.limiter.check(GUESSES, [address]), 'Too many unknown feedback links from here');
    const link = await this.feedback.linkByTokenHash(tokenHash);
    if (!link) {
      // This guess gets its 404 whatever the count: the next one from the address is refused above.
      await this.limiter.take(GUESSES, [address]);
      throw new FeedbackException(ErrorCode.FEEDBACK_LINK_UNKNOWN, 'This feedback link is unknown or was replaced');
    }
    refuseWhenOver(await this.limiter.take(SUBMISSIONS, [tokenHash, address]), 'Too much feedback from here');
    const data = { channel: 'online-form', description: dto.description, complaint: dto.complaint ?? false, contact: dto.contact };
    // No member raises it, so no raisedBy applies: the link, which the project's team handed out, is the whole authorisation.
    return this.raise(link.projectId, data, requestId, (event, id) =>
      this.projects.deliverEvent(link.projectId, { ...event, raisedBy: ONLINE_FORM_ACTOR }, id),
    );
  }

  /** Every feedback item and complaint of the project, with its owner once routed and whether it is closed. */
  async list(user: AuthUser, projectId: string): Promise<FeedbackItemResponse[]> {
    await this.projects.authorize(user, projectId, 'read');
    const events = await this.feedback.events(projectId);
    // The owner is whoever the routing task named.
    const owners = await this.feedback.owners(events.map((event) => event.startedWorkflowId));
    return events.map((event) => ({
      id: event.id,
      channel: String(event.data.channel ?? 'unknown'),
      description: String(event.data.description ?? ''),
      complaint: event.name === COMPLAINT_SIGNAL || event.data.complaint === true,
      raisedBy: event.raisedBy,
      raisedAt: event.raisedAt.toISOString(),
      owner: owners.get(event.startedWorkflowId) ?? null,
      status: event.closedAt ? 'closed' : 'open',
      closedAt: event.closedAt?.toISOString() ?? null,
      workflowId: event.startedWorkflowId,
    }));
  }

  /** Creates the project's public link, replacing any earlier one (which stops working). */
  async createLink(user: AuthUser, projectId: string): Promise<FeedbackLinkResponse> {
    await this.projects.authorize(user, projectId, 'manage-team');
    const token = randomBytes(24).toString('base64url');
    const createdAt = new Date();
    await this.feedback.replaceLink({ projectId, tokenHash: hashOf(token), createdBy: user.userId, createdAt });
    return { token, path: `/public/feedback/${token}`, createdAt: createdAt.toISOString() };
  }

  /** Whether the project has a link and who made it: read by those who may replace it, and by overseers, who read every project. */
  async linkStatus(user: AuthUser, projectId: string): Promise<FeedbackLinkStatusResponse> {
    await this.projects.authorize(user, projectId, 'read-team-settings');
    const link = await this.feedback.linkOf(projectId);
    if (!link) throw new FeedbackException(ErrorCode.FEEDBACK_LINK_UNKNOWN, 'This project has no public feedback link yet');
    return { createdBy: link.createdBy, createdAt: link.createdAt.toISOString() };
  }

  /** Feedback by any channel as the event it raises (a complaint, or feedback), handed to `deliver` under the request id. */
  private async raise(
    projectId: string,
    data: { channel: string; description: string; complaint: boolean; contact?: string },
    requestId: string | undefined,
    deliver: (event: { signal: string; data: Record<string, unknown> }, id: string) => Promise<unknown>,
  ): Promise<FeedbackReceivedResponse> {
    const id = requestId ?? randomUUID();
    await deliver({ signal: data.complaint ? COMPLAINT_SIGNAL : 'feedback', data: { ...data } }, id);
    return { id: projectEventId(projectId, id), status: 'open' };
  }
}
