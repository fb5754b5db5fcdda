import { ApiProperty } from '@nestjs/swagger';

/** Where a workflow can be looked at in the Temporal Web UI. */
export class TemporalUiLinkResponse {
  @ApiProperty({ example: 'http://localhost:8233', description: 'The UI, without a trailing slash' }) url!: string;
  @ApiProperty({ example: 'default', description: "Accord's Temporal namespace" }) namespace!: string;
}

/** Other tools the web app links to; each is null when this deployment has none configured. */
export class SettingsLinksResponse {
  @ApiProperty({
    nullable: true,
    type: TemporalUiLinkResponse,
    description: 'A workflow is at `${url}/namespaces/${namespace}/workflows/${encodeURIComponent(workflowId)}`; null without ACCORD_TEMPORAL_UI_URL',
  })
  temporalUi!: TemporalUiLinkResponse | null;
}
