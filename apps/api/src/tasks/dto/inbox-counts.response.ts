import { ApiProperty } from '@nestjs/swagger';

export class PriorityCountsResponse {
  @ApiProperty() high!: number;
  @ApiProperty() normal!: number;
  @ApiProperty() low!: number;
}

export class RoleCountResponse {
  @ApiProperty({ example: 'pm' }) role!: string;
  @ApiProperty() count!: number;
}

export class ProjectCountResponse {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() count!: number;
}

export class InboxCountsResponse {
  @ApiProperty({ description: 'Open tasks in the inbox' }) open!: number;
  @ApiProperty({ description: 'Of those, past their due date (the overdue=true filter)' }) overdue!: number;
  @ApiProperty({ type: PriorityCountsResponse, description: 'Per priority (the priority filter)' }) priority!: PriorityCountsResponse;
  @ApiProperty({ type: [RoleCountResponse], description: 'Per role the tasks are offered to (the role filter), by name' }) roles!: RoleCountResponse[];
  @ApiProperty({ type: [ProjectCountResponse], description: 'Per project (the project filter), busiest first, at most 20' }) projects!: ProjectCountResponse[];
}
