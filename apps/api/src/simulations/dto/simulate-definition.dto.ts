import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class SimulateDefinitionDto {
  @ApiPropertyOptional({ description: 'The YAML to simulate (the editor’s text, saved or not); the saved draft of the key when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  source?: string;

  @ApiPropertyOptional({
    description: 'The actors script (YAML) that plays the participants; the one shipped for the key (GET /definitions/{key}/actors-script) when absent',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  script?: string;

  @ApiPropertyOptional({ minimum: 0.5, maximum: 24, default: 6, description: 'Simulated months; the project may end sooner' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(24)
  months?: number;
}
