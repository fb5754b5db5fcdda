import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OidcSignInOfferResponse {
  @ApiPropertyOptional({ example: 'Acme ID', description: 'The provider as people know it (ACCORD_OIDC_PROVIDER_NAME); absent: "your organisation"' })
  name?: string;
}

export class SignInProvidersResponse {
  @ApiProperty({ description: 'Local sign-in (choose a person) is offered: only when Accord runs locally' })
  local!: boolean;

  @ApiProperty({
    type: OidcSignInOfferResponse,
    nullable: true,
    description: 'Signing in at the identity provider (GET /auth/oidc/sign-in) is offered; null when not',
  })
  oidc!: OidcSignInOfferResponse | null;
}
