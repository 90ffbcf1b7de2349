import type {} from '@fastify/multipart';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type { DataSource, EntityManager } from 'typeorm';
import type { OrgPrincipal } from '../../../common/auth/principal.js';
import { ValidationFailedError } from '../../../common/errors/app-error.js';
import { toFieldErrors } from '../../../common/errors/validation.js';
import { TagsService } from '../../tags/tags.service.js';
import { ImportLeadRowDto, type ImportErrorDto, type LeadImportResponseDto } from '../dto/lead-import.dto.js';
import { toLeadColumns } from '../lead.mapper.js';
import { Lead } from '../lead.entity.js';
import { type ImportColumn, mapHeader } from './import-columns.js';
import { csvRows, type RawRow, sniffFile, xlsxRows } from './lead-rows.js';

const BATCH_SIZE = 500;
const MAX_REPORTED_ERRORS = 1000;

interface ValidRow {
  row: number;
  dto: ImportLeadRowDto;
}

/** Counts and the first errors of one import; memory stays flat whatever the file's size. */
class ImportReport {
  imported = 0;
  failed = 0;
  readonly errors: ImportErrorDto[] = [];

  fail(row: number, field: string, message: string): void {
    this.failed += 1;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ row, field, message });
  }

  failRow(row: number, fields: Record<string, string[]>): void {
    const [field, messages] = Object.entries(fields)[0] ?? ['row', ['is invalid']];
    this.fail(row, field, messages[0]);
    for (const [other, reasons] of Object.entries(fields).slice(1)) {
      if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ row, field: other, message: reasons[0] });
    }
  }

  result(): LeadImportResponseDto {
    const status = this.failed === 0 ? 'success' : this.imported === 0 ? 'failed' : 'partial';
    return { status, imported_count: this.imported, failed_count: this.failed, errors: this.errors };
  }
}

/**
 * Imports leads from a CSV or XLSX upload: streams the file row by row, validates each row like
 * the API would, reports duplicates of e-mails in the file or already in the organization, and
 * inserts valid rows in batches, each batch one transaction.
 */
@Injectable()
export class LeadImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tags: TagsService,
  ) {}

  async importFromRequest(principal: OrgPrincipal, request: FastifyRequest): Promise<LeadImportResponseDto> {
    if (!request.isMultipart()) {
      throw ValidationFailedError.field('leads_file', 'send the file as multipart/form-data field leads_file');
    }
    let report: ImportReport | undefined;
    for await (const part of request.parts()) {
      if (part.type !== 'file' || part.fieldname !== 'leads_file' || report) {
        if (part.type === 'file') part.file.resume();
        throw ValidationFailedError.field(part.fieldname, report ? 'only one file may be sent' : 'is not an allowed field');
      }
      const { kind, stream } = await sniffFile(part.file);
      report = await this.importRows(principal, kind === 'csv' ? csvRows(stream) : xlsxRows(stream));
    }
    if (!report) throw ValidationFailedError.field('leads_file', 'is required');
    return report.result();
  }

  private async importRows(principal: OrgPrincipal, rows: AsyncGenerator<RawRow>): Promise<ImportReport> {
    const report = new ImportReport();
    const seenEmails = new Set<string>();
    let columns: ImportColumn[] | undefined;
    let batch: ValidRow[] = [];
    for await (const raw of rows) {
      if (!columns) {
        columns = mapHeader(raw.cells);
        continue;
      }
      const valid = await this.validateRow(raw, columns, report);
      if (!valid) continue;
      const email = valid.dto.email?.toLowerCase();
      if (email && seenEmails.has(email)) {
        report.fail(raw.row, 'email', `duplicates the e-mail of an earlier row in this file`);
        continue;
      }
      if (email) seenEmails.add(email);
      batch.push(valid);
      if (batch.length >= BATCH_SIZE) {
        await this.insertBatch(principal, batch, report);
        batch = [];
      }
    }
    if (!columns) throw ValidationFailedError.field('leads_file', 'has no header row');
    if (batch.length) await this.insertBatch(principal, batch, report);
    return report;
  }

  private async validateRow(raw: RawRow, columns: ImportColumn[], report: ImportReport): Promise<ValidRow | null> {
    if (raw.cells.length > columns.length && raw.cells.slice(columns.length).some((cell) => cell !== '')) {
      report.fail(raw.row, 'row', `has ${raw.cells.length} columns; the header has ${columns.length}`);
      return null;
    }
    const plain: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      const cell = raw.cells[index]?.trim() ?? '';
      if (cell === '') return;
      plain[column] = column === 'tags' ? cell.split(/[,;]/).map((tag) => tag.trim()).filter(Boolean) : cell;
    });
    const dto = plainToInstance(ImportLeadRowDto, plain);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      report.failRow(raw.row, toFieldErrors(errors));
      return null;
    }
    return { row: raw.row, dto };
  }

  private async insertBatch(principal: OrgPrincipal, batch: ValidRow[], report: ImportReport): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const existing = await this.existingEmails(manager, principal.orgId, batch);
      const fresh = batch.filter(({ row, dto }) => {
        if (!dto.email || !existing.has(dto.email.toLowerCase())) return true;
        report.fail(row, 'email', 'a lead with this e-mail already exists in the organization');
        return false;
      });
      if (!fresh.length) return;
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Lead)
        .values(fresh.map(({ dto }) => ({ ...toLeadColumns(dto), orgId: principal.orgId, createdBy: principal.userId })))
        .returning(['id'])
        .execute();
      await this.linkTags(manager, principal.orgId, fresh, inserted.identifiers.map((identifier) => identifier.id as string));
      report.imported += fresh.length;
    });
  }

  private async existingEmails(manager: EntityManager, orgId: string, batch: ValidRow[]): Promise<Set<string>> {
    const emails = batch.flatMap(({ dto }) => (dto.email ? [dto.email.toLowerCase()] : []));
    if (!emails.length) return new Set();
    const rows: { email: string }[] = await manager.query(
      `SELECT lower(email) AS email FROM leads WHERE org_id = $1 AND lower(email) = ANY($2::text[])`,
      [orgId, emails],
    );
    return new Set(rows.map((row) => row.email));
  }

  private async linkTags(manager: EntityManager, orgId: string, rows: ValidRow[], leadIds: string[]): Promise<void> {
    const names = rows.flatMap(({ dto }) => dto.tags ?? []);
    if (!names.length) return;
    const byName = new Map((await this.tags.resolve(orgId, names, manager)).map((tag) => [tag.name.toLowerCase(), tag.id]));
    const pairs = rows.flatMap(({ dto }, index) =>
      [...new Set((dto.tags ?? []).map((name) => byName.get(name.trim().replace(/\s+/g, ' ').toLowerCase())))].flatMap(
        (tagId) => (tagId ? [[leadIds[index], tagId]] : []),
      ),
    );
    await manager.query(
      `INSERT INTO lead_tags (lead_id, tag_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      [pairs.map(([lead]) => lead), pairs.map(([, tag]) => tag)],
    );
  }
}
