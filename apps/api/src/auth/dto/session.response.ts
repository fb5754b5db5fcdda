import { ApiProperty } from '@nestjs/swagger';

export class SessionResponse {
  @ApiProperty({ example: 'paula' }) user!: string;
  @ApiProperty({ type: [String], example: ['pm'] }) roles!: string[];
  @ApiProperty({ format: 'date-time', description: 'When the session ends and the person signs in again' }) expiresAt!: string;
}

export class LocalPersonResponse {
  @ApiProperty({ example: 'paula' }) user!: string;
  @ApiProperty({ type: [String], example: ['pm'] }) roles!: string[];
}

export class LocalPeopleResponse {
  @ApiProperty({ type: [LocalPersonResponse] }) items!: LocalPersonResponse[];
}
