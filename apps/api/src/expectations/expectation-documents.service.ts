import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { diffExpectationDocuments } from '@accord/domain';
import type { Signature } from '@accord/contracts';
import { type BaselineEntity, type ExpectationDocumentEntity, ExpectationsRepository } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ErrorCode, ExpectationException } from '../errors/accord.exception';
import { ProjectsService } from '../projects/projects.service';
import type {
  BaselineResponse,
  ExpectationDocumentDiffResponse,
  ExpectationDocumentSummaryResponse,
  ExpectationDocumentVersionResponse,
  ExpectationsResponse,
  GoalsResponse,
  SignatureResponse,
} from './dto/expectation-document.responses';
import type { ExpectationsQueryDto } from './dto/expectations-query.dto';

/** The expectation document and the goal baselines, each in numbered versions that never change (R-EXP-3, R-EXP-5, R-EXP-8). */
@Injectable()
export class ExpectationDocumentsService {
  private readonly records: ExpectationsRepository;

  constructor(
    dataSource: DataSource,
    private readonly projects: ProjectsService,
  ) {
    this.records = new ExpectationsRepository(dataSource);
  }

  async current(user: AuthUser, projectId: string): Promise<ExpectationDocumentVersionResponse> {
    await this.projects.authorize(user, projectId, 'read');
    const row = await this.records.latestDocument(projectId);
    if (!row) throw new ExpectationException(ErrorCode.NOT_FOUND, 'No expectation document has been published in this project yet');
    return documentOf(row);
  }

  async history(user: AuthUser, projectId: string): Promise<ExpectationDocumentSummaryResponse[]> {
    await this.projects.authorize(user, projectId, 'read');
    const rows = await this.records.documents(projectId);
    return rows.map((row) => ({
      version: row.version,
      publishedAt: row.publishedAt.toISOString(),
      approvals: row.approvals.map(signatureOf),
      changes: row.changes.length,
      expectations: row.content.expectations.length,
    }));
  }

  async version(user: AuthUser, projectId: string, version: number): Promise<ExpectationDocumentVersionResponse> {
    await this.projects.authorize(user, projectId, 'read');
    return documentOf(await this.documentVersion(projectId, version, 'version'));
  }

  /** The expectations of a document version (the latest by default), narrowed by channel, phase, KANO class or Maslow level. */
  async expectations(user: AuthUser, projectId: string, query: ExpectationsQueryDto): Promise<ExpectationsResponse> {
    await this.projects.authorize(user, projectId, 'read');
    const version = query.version ?? (await this.records.latestDocumentVersion(projectId));
    if (version === undefined) throw new ExpectationException(ErrorCode.NOT_FOUND, 'No expectation document has been published in this project yet');
    if (query.version !== undefined) await this.documentVersion(projectId, version, 'version');
    const narrowing = Object.fromEntries(
      Object.entries({ channel: query.channel, phase: query.phase, kano: query.kano, maslow: query.maslow }).filter(([, value]) => value !== undefined),
    );
    const rows = await this.records.expectations(projectId, version, narrowing);
    // Everything but the keys, which the request already names.
    return { version, items: rows.map(({ projectId: _project, version: _version, ...expectation }) => expectation) };
  }

  /** What changed between any two versions, by path; `from` later than `to` reads the change backwards. */
  async diff(user: AuthUser, projectId: string, from: number, to: number): Promise<ExpectationDocumentDiffResponse> {
    await this.projects.authorize(user, projectId, 'read');
    const [before, after] = [await this.documentVersion(projectId, from, 'from'), await this.documentVersion(projectId, to, 'to')];
    return { from, to, changes: diffExpectationDocuments(before.content, after.content) };
  }

  async baselines(user: AuthUser, projectId: string): Promise<BaselineResponse[]> {
    await this.projects.authorize(user, projectId, 'read');
    return (await this.records.baselines(projectId)).map(baselineOf);
  }

  async baseline(user: AuthUser, projectId: string, version: number): Promise<BaselineResponse> {
    await this.projects.authorize(user, projectId, 'read');
    const row = await this.records.baseline(projectId, version);
    if (!row)
      throw new ExpectationException(ErrorCode.NOT_FOUND, `No baseline v${version} in this project`, [{ path: 'version', message: `no baseline v${version}` }]);
    return baselineOf(row);
  }

  /** The goals in force: those of the latest baseline. */
  async goals(user: AuthUser, projectId: string): Promise<GoalsResponse> {
    await this.projects.authorize(user, projectId, 'read');
    const row = await this.records.latestBaseline(projectId);
    if (!row) throw new ExpectationException(ErrorCode.NOT_FOUND, 'No goals have been signed in this project yet');
    return { baseline: row.version, goals: row.goals };
  }

  private async documentVersion(projectId: string, version: number, path: string): Promise<ExpectationDocumentEntity> {
    const row = await this.records.document(projectId, version);
    if (!row)
      throw new ExpectationException(ErrorCode.NOT_FOUND, `No version ${version} of the expectation document`, [{ path, message: `no version ${version}` }]);
    return row;
  }
}

function documentOf(row: ExpectationDocumentEntity): ExpectationDocumentVersionResponse {
  return {
    version: row.version,
    publishedAt: row.publishedAt.toISOString(),
    approvals: row.approvals.map(signatureOf),
    changes: row.changes,
    content: row.content,
  };
}

function baselineOf(row: BaselineEntity): BaselineResponse {
  return {
    version: row.version,
    publishedAt: row.publishedAt.toISOString(),
    goals: row.goals,
    signatures: row.signatures.map(signatureOf),
    changeProposal: row.changeProposal,
  };
}

function signatureOf(signature: Signature): SignatureResponse {
  return { approver: signature.approver, by: signature.by, decision: signature.decision, at: signature.at ?? null };
}
