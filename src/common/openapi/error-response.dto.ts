import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';

export class ErrorResponseDto {
  @ApiProperty({
    enum: [true],
    description: 'Always true on an error, so clients written for Django-CRM (`if (!res.error)`) see a refused request',
    example: true,
  })
  error: true;

  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({
    enum: Object.keys(ERROR_CODES),
    enumName: 'ErrorCode',
    description: 'Stable machine-readable error code (see docs/errors.md); each operation lists the ones it returns',
    example: 'VALIDATION_FAILED',
  })
  code: ErrorCode;

  @ApiProperty({ example: 'The request has invalid fields' })
  message: string;

  @ApiPropertyOptional({
    description: 'Reasons per field, present when fields are at fault (nested fields are dotted)',
    type: 'object',
    additionalProperties: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 1000 } },
    maxProperties: 200,
    example: { email: ['email must be an email'] },
  })
  errors?: Record<string, string[]>;

  @ApiProperty({ description: 'Also sent as the x-request-id header', example: '7b0c9a1e-...' })
  requestId: string;
}
