import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AbcClass, ClassificationBasis, RelationshipStage } from '@accord/domain';

export class CustomerListItemResponse {
  @ApiProperty({ example: 'acme' }) key!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) industry!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) region!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) contractValue!: number | null;
  @ApiProperty({ description: 'Their projects the caller may see' }) projects!: number;
  @ApiProperty({ example: 'A/active' }) classLabel!: string;
  @ApiProperty({ enum: ['A', 'B', 'C'] }) abc!: AbcClass;
  @ApiProperty({ enum: ['contract-value', 'project-count'] }) basis!: ClassificationBasis;
  @ApiProperty({ enum: ['prospect', 'active', 'dormant', 'lost'] }) stage!: RelationshipStage;
  @ApiProperty() churnScore!: number;
  @ApiProperty() churnWarning!: boolean;
}

export class CustomerListResponse {
  @ApiProperty({ type: [CustomerListItemResponse] }) items!: CustomerListItemResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last' }) nextCursor!: string | null;
}
