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

/** A large import, answered 202 at once and run in the background: poll GET /api/leads/imports/{id}/. */
export class LeadImportJobDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: ['running', 'succeeded', 'failed'],
    description: 'succeeded: the valid rows are imported (errors lists the others); failed: nothing was imported (see message)',
  })
  status: 'running' | 'succeeded' | 'failed';

  @ApiProperty()
  file_name: string;

  @ApiProperty({ description: 'Data rows read so far' })
  rows_read: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Data rows in the file, counted in a quick pass before the import starts (null until then, or when the file cannot be read): rows_read / rows_total is the progress',
  })
  rows_total: number | null;

  @ApiProperty({ description: 'Rows imported (committed together when the import ends)' })
  imported_count: number;

  @ApiProperty()
  failed_count: number;

  @ApiProperty({ type: [ImportErrorDto], description: 'Why rows failed (the first 1,000)' })
  errors: ImportErrorDto[];

  @ApiProperty({ description: 'Why the import failed as a whole; empty otherwise' })
  message: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_on: string | null;
}
