import { Controller, Get, Inject, Query, StreamableFile, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OrgScoped } from '../auth/access.decorators.js';
import type { OrgPrincipal } from '../auth/principal.js';
import { Principal } from '../auth/principal.decorator.js';
import { Role } from '../auth/role.js';
import type { PaginationQueryDto } from '../pagination/pagination-query.dto.js';
import { EXPORT_FORMATS, type ExportFormat, exportStream } from './record-export.js';
import type { RecordKindOptions } from './record-kind.decorator.js';

/** What an export reads: a kind's records, every one matching a list query, a batch at a time. */
export interface ExportSource {
  everyItem(principal: OrgPrincipal, query: PaginationQueryDto): AsyncGenerator<object[]>;
}

export interface ExportOptions {
  /** The kind's service (RecordUseCases), by its class. */
  service: Type<ExportSource>;
  /** The kind's list query: its filters and sort apply; its paging does not. */
  query: Type<PaginationQueryDto>;
  /** The item class whose documented properties are the CSV's columns, in order. */
  item: Type<unknown>;
  /** Columns instead of the item's (the leads' follow the lead import's). */
  columns?: readonly string[];
  /** More list query fields an export does not take (the events' window). */
  omit?: readonly string[];
}

const PAGING = ['limit', 'offset', 'cursor'];
const TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson' };

class ExportFormatDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', description: 'CSV with one header row, or one JSON item per line' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'csv';
}

/** The documented properties of a class (what @nestjs/swagger records), `id` first, then in declaration order. */
function documentedProperties(item: Type<unknown>): string[] {
  const names = ((Reflect.getMetadata('swagger/apiModelPropertiesArray', item.prototype) as string[] | undefined) ?? []).map((name) => name.slice(1));
  return [...names.filter((name) => name === 'id'), ...names.filter((name) => name !== 'id')];
}

/**
 * `GET /api/{path}/export/?format=csv|ndjson` of one record kind, with its list's filters: every
 * matching record streamed in batches (EXPORT_BATCH per statement), so memory stays flat however
 * many there are. A kind's module mounts it (`controllers: [ExportRoutes(KIND, {...}), ...]`).
 */
export function ExportRoutes({ path, tag, name }: RecordKindOptions, options: ExportOptions): Type<unknown> {
  const columns = options.columns ?? documentedProperties(options.item);
  const plural = path.replace(/-/g, ' ');

  class ExportQueryDto extends IntersectionType(OmitType(options.query, [...PAGING, ...(options.omit ?? [])] as never[]), ExportFormatDto) {}

  @ApiTags(tag)
  @OrgScoped(Role.ADMIN)
  @Controller(path)
  class KindExportRoutes {
    constructor(@Inject(options.service) readonly records: ExportSource) {}

    @Get('export')
    @ApiOperation({
      operationId: `export${name}s`.replace(/ys$/, 'ies'),
      summary: `Export ${plural}`,
      description: `Every ${name.toLowerCase()} matching the list's filters, in its sort, streamed as it is read (chunked; memory stays flat at any size). CSV: one header row (${columns.map((column) => `\`${column}\``).join(', ')}), lists joined with \`;\`, a cell starting with = + - @ prefixed with \`'\` so no spreadsheet runs it as a formula. ADMIN, or an API key with \`${path}:read\`.`,
    })
    @ApiProduces(TYPES.csv, TYPES.ndjson)
    @ApiOkResponse({ description: 'The records', schema: { type: 'string' } })
    async export(@Principal() principal: OrgPrincipal, @Query() query: ExportQueryDto): Promise<StreamableFile> {
      const format = (query as ExportFormatDto).format;
      const batches = this.records.everyItem(principal, query as unknown as PaginationQueryDto);
      // The first batch is read before anything is sent, so a bad sort is still a 400.
      const first = await batches.next();
      async function* all(): AsyncGenerator<object[]> {
        if (first.done) return;
        yield first.value;
        yield* batches;
      }
      return new StreamableFile(exportStream(format, columns, all()), {
        type: TYPES[format],
        disposition: `attachment; filename="${path}.${format === 'csv' ? 'csv' : 'ndjson'}"`,
      });
    }
  }
  Object.defineProperty(KindExportRoutes, 'name', { value: `${name}ExportController` });
  return KindExportRoutes;
}
