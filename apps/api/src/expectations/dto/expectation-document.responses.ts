import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChangeProposal, DocumentChange, ExpectationDocument, Signature, SmartGoal } from '@accord/contracts';

export class SignatureResponse {
  @ApiProperty({ example: 'role:customer', description: 'The approval slot' }) approver!: string;
  @ApiProperty({ example: 'carl' }) by!: string;
  @ApiProperty({ enum: ['approve', 'reject'] }) decision!: Signature['decision'];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the slot was decided; null for signatures recorded before this was kept',
  })
  at!: string | null;
}

export class DocumentChangeResponse {
  @ApiProperty({ example: 'expectations[Go live].analysis' }) path!: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) change!: DocumentChange['change'];
  @ApiPropertyOptional({ description: 'Before (changed, removed)' }) from?: unknown;
  @ApiPropertyOptional({ description: 'After (changed, added)' }) to?: unknown;
}

export class ExpectationDocumentVersionResponse {
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: [SignatureResponse], description: 'Who approved this version' }) approvals!: SignatureResponse[];
  @ApiProperty({ type: [DocumentChangeResponse], description: 'What changed since the version before' }) changes!: DocumentChange[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Customer, background, objectives, requirement points, key dates, quality and acceptance expectations, and every expectation with its analysis',
  })
  content!: ExpectationDocument;
}

export class ExpectationDocumentSummaryResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: [SignatureResponse] }) approvals!: SignatureResponse[];
  @ApiProperty({ description: 'How many changes since the version before' }) changes!: number;
  @ApiProperty() expectations!: number;
}

export class ExpectationDocumentHistoryResponse {
  @ApiProperty({ type: [ExpectationDocumentSummaryResponse] }) items!: ExpectationDocumentSummaryResponse[];
}

export class ExpectationDocumentDiffResponse {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [DocumentChangeResponse] }) changes!: DocumentChange[];
}

export class BaselineResponse {
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'SMART goals: specific, metric, target, unit, direction, achievability, linked expectations, deadline',
  })
  goals!: SmartGoal[];
  @ApiProperty({ type: [SignatureResponse], description: 'Both sides: the company and the customer' }) signatures!: SignatureResponse[];
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'The change request that produced this version (none for v1)',
  })
  changeProposal!: ChangeProposal | null;
}

export class BaselineHistoryResponse {
  @ApiProperty({ type: [BaselineResponse] }) items!: BaselineResponse[];
}

export class GoalsResponse {
  @ApiProperty({ description: 'The baseline version in force' }) baseline!: number;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) goals!: SmartGoal[];
}

export class ExpectationResponse {
  @ApiProperty({ description: 'Its place in the document version, from 1' }) position!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'objective' }) category!: string;
  @ApiProperty({ example: 'presales' }) phase!: string;
  @ApiProperty({ example: 'business-meeting' }) channel!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) source!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) detail!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2027-03-01' }) keyDate!: string | null;
  @ApiProperty({ description: 'The step whose task recorded it, and who did' }) recordedIn!: string;
  @ApiProperty() recordedBy!: string;
  @ApiPropertyOptional({ nullable: true, enum: ['physiological', 'safety', 'social', 'esteem', 'self-actualisation'] }) maslow!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['basic', 'performance', 'excitement'] }) kano!: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Fishbone causes: { category (people, machine, material, method, environment), cause }',
  })
  fishbone!: { category: string; cause: string }[];
}

export class ExpectationsResponse {
  @ApiProperty({ description: 'The document version listed' }) version!: number;
  @ApiProperty({ type: [ExpectationResponse] }) items!: ExpectationResponse[];
}
