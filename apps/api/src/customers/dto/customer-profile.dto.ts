import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { CustomerProfileEntity } from '@accord/persistence';

export const CUSTOMER_SIZES = ['small', 'medium', 'large', 'enterprise'] as const;
export type CustomerSize = (typeof CUSTOMER_SIZES)[number];

export class CustomerContactDto {
  @ApiProperty({ example: 'Carla Jones' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ example: 'Head of IT' }) @IsOptional() @IsString() @MaxLength(200) role?: string;
  @ApiPropertyOptional({ example: 'carla@acme.example' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email?: string;
  @ApiPropertyOptional({ example: '+49 30 1234567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()./-]{3,40}$/, { message: 'phone must be a phone number: digits, spaces and + ( ) . / -' })
  phone?: string;
}

/** The customer's profile as a whole: what is left out is cleared. */
export class PutCustomerProfileDto {
  @ApiPropertyOptional({ example: 'manufacturing' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) industry?: string;
  @ApiPropertyOptional({ enum: CUSTOMER_SIZES })
  @IsOptional()
  @IsIn(CUSTOMER_SIZES, { message: `size must be one of ${CUSTOMER_SIZES.join(', ')}` })
  size?: CustomerSize;
  @ApiPropertyOptional({ example: 'emea' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) region?: string;

  @ApiPropertyOptional({
    example: 120000,
    minimum: 0,
    description: 'Annual contract value in the company’s currency; classes the customer (ABC) and its trend is kept',
  })
  @IsOptional()
  // No maxDecimalPlaces: class-validator 0.14 throws on numbers it writes with an exponent (9e-323).
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  annualContractValue?: number;

  @ApiPropertyOptional({ type: [CustomerContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CustomerContactDto)
  contacts?: CustomerContactDto[];
}

/** What a profile says about the customer, as stored: left out is null, no contacts is []. */
export type CustomerProfileFields = Pick<CustomerProfileEntity, 'industry' | 'size' | 'region' | 'annualContractValue' | 'contacts'>;

/** The profile a valid DTO gives, as stored: the profile PUT and the import store the same for the same input. */
export function profileFieldsOf(dto: PutCustomerProfileDto): CustomerProfileFields {
  return {
    industry: dto.industry ?? null,
    size: dto.size ?? null,
    region: dto.region ?? null,
    annualContractValue: dto.annualContractValue ?? null,
    contacts: (dto.contacts ?? []).map((contact) => ({
      name: contact.name,
      role: contact.role ?? null,
      email: contact.email ?? null,
      phone: contact.phone ?? null,
    })),
  };
}

export class CustomerContactResponse {
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) role!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) email!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
}

export class CustomerProfileResponse {
  @ApiPropertyOptional({ nullable: true, type: String }) industry!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: CUSTOMER_SIZES }) size!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) region!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) annualContractValue!: number | null;
  @ApiProperty({ type: [CustomerContactResponse] }) contacts!: CustomerContactResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Who last changed it; null: never given' }) updatedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) updatedAt!: string | null;
}
