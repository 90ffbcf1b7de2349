import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { LeadStatus } from '../lead.entity.js';
import { LeadFieldsInputDto, oneOf } from './lead-requests.dto.js';

const IMPORTABLE_STATUSES = Object.values(LeadStatus).filter((status) => status !== LeadStatus.CONVERTED);

/** One row of an import file: the lead's own fields; converting happens through the API, not files. */
export class ImportLeadRowDto extends OmitType(LeadFieldsInputDto, [] as const) {
  @IsOptional()
  @IsEnum(IMPORTABLE_STATUSES, oneOf('status', IMPORTABLE_STATUSES))
  status?: LeadStatus;
}

export class ImportErrorDto {
  @ApiProperty({ description: 'Row number as a spreadsheet shows it (the header is row 1)', example: 7 })
  row: number;

  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ example: 'email must be an email' })
  message: string;
}

export class LeadImportResponseDto {
  @ApiProperty({ enum: ['success', 'partial', 'failed'], description: 'partial: some rows failed; failed: none imported' })
  status: 'success' | 'partial' | 'failed';

  @ApiProperty()
  imported_count: number;

  @ApiProperty()
  failed_count: number;

  @ApiProperty({ type: [ImportErrorDto], description: 'Why rows failed (the first 1,000)' })
  errors: ImportErrorDto[];
}

export const LEAD_IMPORT_BODY = {
  schema: {
    type: 'object' as const,
    required: ['leads_file'],
    properties: {
      leads_file: {
        type: 'string' as const,
        format: 'binary',
        description:
          'CSV (UTF-8, header row) or XLSX (first sheet). Columns are lead field names: first_name and last_name required; tags comma-separated.',
      },
    },
  },
};
