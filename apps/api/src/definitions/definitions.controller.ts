import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DefinitionRegistryService } from './definition-registry.service';

export class DefinitionVersionResponse {
  @ApiProperty({ example: 'expectation-signoff' }) key!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty() name!: string;
  @ApiProperty() checksum!: string;
  @ApiProperty({ type: [String], description: 'Roles allowed to start a project' }) starters!: string[];
  @ApiProperty({ type: [String] }) stages!: string[];
  @ApiProperty() publishedBy!: string;
  @ApiProperty() publishedAt!: string;
}

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('definitions')
export class DefinitionsController {
  constructor(private readonly registry: DefinitionRegistryService) {}

  @Get()
  @ApiOkResponse({ type: [DefinitionVersionResponse], description: 'Published versions, newest first per key' })
  async list(): Promise<DefinitionVersionResponse[]> {
    const rows = await this.registry.list();
    return rows.map((row) => ({
      key: row.key,
      version: row.version,
      name: row.compiled.name,
      checksum: row.checksum,
      starters: row.compiled.starters,
      stages: row.compiled.stages.map((stage) => stage.id),
      publishedBy: row.publishedBy,
      publishedAt: row.publishedAt.toISOString(),
    }));
  }
}
