import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageOf } from '../../../common/pagination/page.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { API_KEY_SCOPES } from '../api-key-scopes.js';

export const MAX_OVERLAP_SECONDS = 7 * 24 * 3600;
export const DEFAULT_OVERLAP_SECONDS = 24 * 3600;

export class CreateApiKeyDto {
  @ApiProperty({ maxLength: 100, example: 'ERP sync worker' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({
    enum: API_KEY_SCOPES,
    enumName: 'ApiKeyScope',
    isArray: true,
    maxItems: API_KEY_SCOPES.length,
    example: ['leads:write', 'accounts:read'],
    description: '`<kind>:read` reads a kind (lists, details, comments, files, history); `<kind>:write` also changes it; `*:read`/`*:write` for every kind; `dashboard:read`; `directory:read` (users, teams, tags); `changes:read` (the change feed); `webhooks:read`, `webhooks:write`',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @IsIn(API_KEY_SCOPES, { each: true, message: `each scope must be one of ${API_KEY_SCOPES.join(', ')}` })
  scopes: string[];

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the key stops working (any future instant); never, if absent' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'expires_at must be an ISO-8601 date-time' })
  expires_at?: string;
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_OVERLAP_SECONDS,
    default: DEFAULT_OVERLAP_SECONDS,
    description: 'How long the replaced secret keeps working, in seconds (0: not at all)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_OVERLAP_SECONDS)
  overlap_seconds?: number;
}

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ERP sync worker' })
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, enumName: 'ApiKeyScope', isArray: true })
  scopes: string[];

  @ApiProperty({ example: 'x9Qa', description: 'The secret’s last four characters, to tell keys apart; the secret is never shown again' })
  last4: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who created it: its writes are made in their name' })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Within a minute' })
  last_used_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expires_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set once revoked: the key then answers 401 API_KEY_REVOKED' })
  revoked_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when the secret a rotation replaced still works' })
  previous_valid_until: string | null;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({ example: 'crm_3q2xQ…', description: 'The secret, shown this once: send it as `Authorization: Bearer <secret>` (or `X-API-Key`)' })
  secret: string;
}

export class ApiKeyPageDto extends PageOf(ApiKeyResponseDto) {}
