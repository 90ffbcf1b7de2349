import type {} from '@fastify/multipart';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { rm } from 'node:fs/promises';
import { setImmediate as turnOfTheEventLoop } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { type Db, InjectDb } from '../../../common/database/transactions.js';
import { WriteActors } from '../../../common/database/write-actors.js';
import { PLANNED_EACH_TIME } from '../../../common/database/preparing-client.js';
import type { OrgPrincipal } from '../../../common/auth/principal.js';
import { Role } from '../../../common/auth/role.js';
import { AppError, NotFoundError, ValidationFailedError } from '../../../common/errors/app-error.js';
import { type SpooledUpload, spoolUpload } from '../../../common/files/spooled-upload.js';
import { AppConfig } from '../../../config/app-config.js';
import { toFieldErrors } from '../../../common/errors/validation.js';
import { TagsService } from '../../tags/tags.service.js';
import { ImportLeadRowDto, type ImportErrorDto, type LeadImportJobDto, type LeadImportResponseDto } from '../dto/lead-import.dto.js';
import { toLeadColumns } from '../lead.mapper.js';
import { undefuseCell } from '../../../common/records/record-export.js';
import { type ImportColumn, mapHeader } from './import-columns.js';
import { insertLeads } from './lead-batch-insert.js';
import { WriteBehind } from './write-behind.js';
import { LeadImport, LeadImportStatus } from './lead-import.entity.js';
import { capped, csvRows, type FileKind, type RawRow, sniffKind } from './lead-rows.js';
import { xlsxRows } from './xlsx-rows.js';

const BATCH_SIZE = 1000;
/**
 * Rows validated between turns of the event loop. Rows of a buffered chunk of the file reach the
 * loop as promises alone, so without a turn PostgreSQL's reply to the batch being written waited
 * for the whole chunk's validation: the database sat idle a third of each batch.
 */
const ROWS_PER_TURN = 50;
const MAX_REPORTED_ERRORS = 1000;

interface ValidRow {
  row: number;
  dto: ImportLeadRowDto;
}

/** Rows that failed, and the first errors; memory stays flat whatever the file's size. */
class FailureLog {
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
}

/** Counts and the first errors of one import. */
class ImportReport extends FailureLog {
  rowsRead = 0;
  imported = 0;

  /** Takes in the failures of a batch's rows as if they had been reported here in turn. */
  absorb(log: FailureLog): void {
    this.failed += log.failed;
    for (const error of log.errors) if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(error);
  }

  result(): LeadImportResponseDto {
    const status = this.failed === 0 ? 'success' : this.imported === 0 ? 'failed' : 'partial';
    return { status, imported_count: this.imported, failed_count: this.failed, errors: this.errors };
  }
}

export type ImportOutcome = { kind: 'done'; result: LeadImportResponseDto } | { kind: 'started'; job: LeadImportJobDto };

/** Live counts of imports this process runs, for GET while they run (the embedded database has one connection). */
type Progress = (report: ImportReport, rowsRead: number) => void;

const PROGRESS_EVERY_MS = 1000;
/** A running import not heard of for this long died with its process (its transaction rolled back). */
/** A running import shows it is alive this often (its row's updated_on), and every process looks for dead ones as often. */
const heartbeatMs = (staleMs: number) => Math.max(250, Math.floor(staleMs / 4));

const toJob = (job: LeadImport): LeadImportJobDto => ({
  id: job.id,
  status: job.status,
  file_name: job.fileName,
  rows_read: job.rowsRead,
  rows_total: job.rowsTotal ?? null,
  imported_count: job.importedCount,
  failed_count: job.failedCount,
  errors: job.errors,
  message: job.message,
  created_by: job.createdBy,
  created_on: job.createdOn.toISOString(),
  finished_on: job.finishedAt?.toISOString() ?? null,
});

/**
 * Imports leads from a CSV or XLSX upload. The upload is first spooled to a temporary file (so an
 * aborted or over-limit upload commits nothing), then read row by row and validated like the API
 * would, in one transaction under a per-organization lock: the answer says exactly what was
 * committed, and concurrent imports cannot both insert one e-mail. Files over LEAD_IMPORT_SYNC_BYTES
 * run in the background (202, then GET /api/leads/imports/{id}/).
 */
@Injectable()
export class LeadImportService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LeadImportService.name);
  private readonly running = new Set<Promise<void>>();
  private readonly live = new Map<string, Partial<LeadImport>>();

  constructor(
    @InjectDb() private readonly db: Db,
    // Progress is written beside the import's transaction, on a connection of its own.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly config: AppConfig,
  ) {}

  private sweeper?: NodeJS.Timeout;

  async onApplicationBootstrap(): Promise<void> {
    // Embedded: one process, so every running import died with the last one.
    await this.failOrphans(this.config.database.url ? this.config.imports.staleMs : 0);
    if (!this.config.database.url) return;
    this.sweeper = setInterval(() => {
      this.failOrphans(this.config.imports.staleMs).catch((error: unknown) => this.logger.warn({ error: String(error) }, 'Could not look for orphaned imports'));
    }, heartbeatMs(this.config.imports.staleMs));
    this.sweeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.running]);
  }

  /**
   * Marks failed the running imports nobody has shown alive for `staleMs` (their process died: a
   * kill -9, a lost host), whichever instance sees them first, and removes their spooled uploads.
   * Their transaction died with them, so nothing of them was imported.
   */
  private async failOrphans(staleMs: number): Promise<void> {
    const orphans: { id: string; spool_path: string; rows_read: number }[] = (
      await this.dataSource.query(
        `UPDATE lead_imports SET status = 'failed', finished_at = now(), spool_path = '', imported_count = 0,
           message = 'the process running it stopped (restarted or killed) after ' || orphan.rows_read || ' rows; nothing was imported'
         FROM (SELECT id, rows_read, spool_path FROM lead_imports
               WHERE status = 'running' AND updated_on < now() - $1 * interval '1 millisecond' AND NOT (id = ANY($2::uuid[]))
               FOR UPDATE SKIP LOCKED) orphan
         WHERE lead_imports.id = orphan.id
         RETURNING orphan.id, orphan.rows_read, orphan.spool_path`,
        [staleMs, [...this.live.keys()]],
      )
    )[0];
    for (const orphan of orphans) {
      if (orphan.spool_path) await rm(orphan.spool_path, { force: true });
      this.logger.warn({ importId: orphan.id, rowsRead: orphan.rows_read }, 'Lead import orphaned by a stopped process: marked failed');
    }
  }

  async importFromRequest(principal: OrgPrincipal, request: FastifyRequest): Promise<ImportOutcome> {
    const upload = await this.receive(request, principal.orgId);
    let handedOver = false;
    try {
      const kind = sniffKind(upload.head);
      if (upload.size <= this.config.imports.syncBytes) {
        return { kind: 'done', result: (await this.run(principal, kind, upload.path)).result() };
      }
      const job = await this.startInBackground(principal, kind, upload);
      handedOver = true;
      return { kind: 'started', job };
    } finally {
      if (!handedOver) await upload.discard();
    }
  }

  async getJob(principal: OrgPrincipal, id: string): Promise<LeadImportJobDto> {
    const job = await this.dataSource.getRepository(LeadImport).findOneBy({ id, orgId: principal.orgId });
    if (!job || (principal.role !== Role.ADMIN && job.createdBy !== principal.userId)) throw new NotFoundError('Import');
    return toJob({ ...job, ...this.live.get(id) } as LeadImport);
  }

  /** The one `leads_file` part, spooled to disk; any other part is refused. */
  private async receive(request: FastifyRequest, orgId: string): Promise<SpooledUpload & { fileName: string }> {
    if (!request.isMultipart()) {
      throw ValidationFailedError.field('leads_file', 'send the file as multipart/form-data field leads_file');
    }
    let upload: (SpooledUpload & { fileName: string }) | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file' || part.fieldname !== 'leads_file' || upload) {
          if (part.type === 'file') part.file.resume();
          throw ValidationFailedError.field(part.fieldname, upload ? 'only one file may be sent' : 'is not an allowed field');
        }
        upload = { ...(await spoolUpload(part.file, `lead-import-${orgId}`)), fileName: part.filename.slice(0, 255) };
      }
    } catch (error) {
      await upload?.discard();
      throw error;
    }
    if (!upload) throw ValidationFailedError.field('leads_file', 'is required');
    return upload;
  }

  private async startInBackground(
    principal: OrgPrincipal,
    kind: FileKind,
    upload: SpooledUpload & { fileName: string },
  ): Promise<LeadImportJobDto> {
    const jobs = this.dataSource.getRepository(LeadImport);
    const job = await jobs.save({ orgId: principal.orgId, createdBy: principal.userId, fileName: upload.fileName, spoolPath: upload.path });
    this.live.set(job.id, {});
    // Shows the import alive beside its transaction, so another instance never takes it for orphaned.
    const heartbeat = setInterval(() => {
      if (this.config.database.url) void jobs.update({ id: job.id }, { updatedOn: new Date() }).catch(() => undefined);
    }, heartbeatMs(this.config.imports.staleMs));
    heartbeat.unref();
    let reportedAt = 0;
    const progress: Progress = (report, rowsRead) => {
      const counts = { rowsRead, importedCount: report.imported, failedCount: report.failed };
      this.live.set(job.id, { ...this.live.get(job.id), ...counts });
      // The embedded database's one connection is the import's; only PostgreSQL can take a second writer.
      if (this.config.database.url && Date.now() - reportedAt > PROGRESS_EVERY_MS) {
        reportedAt = Date.now();
        void jobs.update({ id: job.id }, counts).catch(() => undefined);
      }
    };
    const startedAt = Date.now();
    this.logger.log({ importId: job.id, orgId: principal.orgId, userId: principal.userId, bytes: upload.size }, 'Lead import started');
    const task = this.countRows(kind, upload.path)
      .then(async (rowsTotal) => {
        this.live.set(job.id, { ...this.live.get(job.id), rowsTotal });
        await jobs.update({ id: job.id }, { rowsTotal });
        return this.run(principal, kind, upload.path, progress);
      })
      .then(async (report) => {
        this.logger.log({ importId: job.id, status: 'succeeded', rowsRead: report.rowsRead, imported: report.imported, failed: report.failed, durationMs: Date.now() - startedAt }, 'Lead import finished');
        return jobs.update(
          { id: job.id },
          {
            status: LeadImportStatus.SUCCEEDED,
            rowsRead: report.rowsRead,
            importedCount: report.imported,
            failedCount: report.failed,
            errors: report.errors,
            finishedAt: new Date(),
            spoolPath: '',
          },
        );
      })
      .catch((error: unknown) => {
        if (!(error instanceof AppError)) this.logger.error({ importId: job.id, error: String(error) }, 'Lead import failed');
        else this.logger.log({ importId: job.id, status: 'failed', reason: error.message, durationMs: Date.now() - startedAt }, 'Lead import finished');
        return jobs.update(
          { id: job.id },
          {
            status: LeadImportStatus.FAILED,
            importedCount: 0,
            message: error instanceof AppError ? [error.message, ...Object.values(error.errors ?? {}).flat()].join(': ') : 'the import failed; nothing was imported',
            finishedAt: new Date(),
            spoolPath: '',
          },
        );
      })
      .then(() => undefined)
      .finally(async () => {
        clearInterval(heartbeat);
        this.live.delete(job.id);
        await upload.discard();
        this.running.delete(task);
      });
    this.running.add(task);
    return toJob(job);
  }

  /** The file's data rows, read once without validating (a small part of the import's time); null when the file cannot be read, which the import itself then reports. */
  private async countRows(kind: FileKind, path: string): Promise<number | null> {
    let rows = -1; // the header row is not data
    try {
      for await (const _row of capped(kind === 'csv' ? csvRows(path) : xlsxRows(path))) rows += 1;
      return Math.max(rows, 0);
    } catch {
      return null;
    }
  }

  /** Reads, validates and inserts every row in one transaction: all of the valid rows, or nothing. */
  private run(principal: OrgPrincipal, kind: FileKind, path: string, progress?: Progress): Promise<ImportReport> {
    // The leads' history says they came from an import by this member, through the request that uploaded it.
    const actor = { requestId: WriteActors.current()?.requestId, type: 'import', id: principal.userId } as const;
    return WriteActors.run(actor, () => this.db.withTransaction(async () => {
      // One import per organization at a time: the next waits for it (up to the statement timeout),
      // not only for DATABASE_LOCK_TIMEOUT_MS, which is for waits a request should not make.
      await this.db.tx.query(`SET LOCAL lock_timeout = 0`);
      await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`lead-import:${principal.orgId}`]);
      await this.db.tx.query(`SELECT set_config('lock_timeout', $1, true)`, [`${this.config.database.limits.lockTimeoutMs}ms`]);
      const report = new ImportReport();
      // E-mails of the batch being filled; earlier batches are already rows of this transaction.
      let batchEmails = new Set<string>();
      let columns: (ImportColumn | null)[] | undefined;
      let batch: ValidRow[] = [];
      // The next batch is read and validated while the last one is written (the server's CPU
      // beside PostgreSQL's); its rows' failures are held until it is written, so the report
      // lists them in the order it would have had batches been read and written in turn.
      let failures = new FailureLog();
      const writes = new WriteBehind();
      const flush = async () => {
        const [rows, held] = [batch, failures];
        await writes.push(async () => {
          report.absorb(held);
          await this.insertBatch(principal, rows, report);
          progress?.(report, report.rowsRead);
        });
        batch = [];
        batchEmails = new Set();
        failures = new FailureLog();
      };
      try {
        for await (const raw of capped(kind === 'csv' ? csvRows(path) : xlsxRows(path))) {
          if (!columns) {
            columns = mapHeader(raw.cells);
            continue;
          }
          report.rowsRead += 1;
          if (report.rowsRead % ROWS_PER_TURN === 0) await turnOfTheEventLoop();
          const valid = await this.validateRow(raw, columns, failures);
          if (!valid) continue;
          const email = valid.dto.email?.toLowerCase();
          if (email && batchEmails.has(email)) {
            failures.fail(raw.row, 'email', `duplicates the e-mail of an earlier row in this file`);
            continue;
          }
          if (email) batchEmails.add(email);
          batch.push(valid);
          if (batch.length >= BATCH_SIZE) await flush();
        }
      } catch (error) {
        await writes.settle();
        throw error;
      }
      if (!columns) throw ValidationFailedError.field('leads_file', 'has no header row');
      await flush();
      await writes.drain();
      return report;
    }));
  }

  private async validateRow(raw: RawRow, columns: (ImportColumn | null)[], report: FailureLog): Promise<ValidRow | null> {
    if (raw.cells.length > columns.length && raw.cells.slice(columns.length).some((cell) => cell !== '')) {
      report.fail(raw.row, 'row', `has ${raw.cells.length} columns; the header has ${columns.length}`);
      return null;
    }
    const plain: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      // A cell our export defused against formulas ('=...) comes back as it was.
      const cell = undefuseCell(raw.cells[index]?.trim() ?? '');
      if (column === null || cell === '') return;
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
    const existing = await this.existingEmails(principal.orgId, batch);
    const fresh = batch.filter(({ row, dto }) => {
      const earlier = dto.email ? existing.get(dto.email.toLowerCase()) : undefined;
      if (earlier === undefined) return true;
      report.fail(row, 'email', earlier === 'this file' ? 'duplicates the e-mail of an earlier row in this file' : 'a lead with this e-mail already exists in the organization');
      return false;
    });
    if (!fresh.length) return;
    const ids = await insertLeads(this.db.tx, principal.orgId, principal.userId, fresh.map(({ dto }) => toLeadColumns(dto)));
    await this.linkTags(principal.orgId, fresh, ids);
    report.imported += fresh.length;
  }

  /**
   * Which of the batch's e-mails the organization already has, and whether from this file: rows this
   * transaction inserted carry its transaction id, so the file's own duplicates need no memory of
   * their own however long the file is.
   */
  private async existingEmails(orgId: string, batch: ValidRow[]): Promise<Map<string, 'this file' | 'before'>> {
    const emails = batch.flatMap(({ dto }) => (dto.email ? [dto.email.toLowerCase()] : []));
    if (!emails.length) return new Map();
    // One index probe per address, whatever the planner believes of the organization's size. The
    // statistics predate the rows this transaction inserts: `lower(email) = ANY(...)` over the
    // organization was planned as a scan of every lead it had, an organization of "11 rows" that
    // had 100,000 by then, so each batch cost more than the last (a million rows took 1,011 s).
    // Planned anew for each batch all the same, as the table grows by up to a million rows.
    const rows: { email: string; this_file: boolean }[] = await this.db.tx.query(
      `${PLANNED_EACH_TIME} SELECT wanted.email, found.this_file
       FROM unnest($2::text[]) AS wanted(email)
       CROSS JOIN LATERAL (
         SELECT xmin = pg_current_xact_id()::xid AS this_file FROM leads WHERE org_id = $1 AND lower(email) = wanted.email LIMIT 1
       ) found`,
      [orgId, emails],
    );
    return new Map(rows.map((row) => [row.email, row.this_file ? 'this file' : 'before']));
  }

  private async linkTags(orgId: string, rows: ValidRow[], leadIds: string[]): Promise<void> {
    const names = rows.flatMap(({ dto }) => dto.tags ?? []);
    if (!names.length) return;
    const byName = new Map((await this.tags.resolve(orgId, names)).map((tag) => [tag.name.toLowerCase(), tag.id]));
    const pairs = rows.flatMap(({ dto }, index) =>
      [...new Set((dto.tags ?? []).map((name) => byName.get(name.trim().replace(/\s+/g, ' ').toLowerCase())))].flatMap(
        (tagId) => (tagId ? [[leadIds[index], tagId]] : []),
      ),
    );
    await this.db.tx.query(
      `INSERT INTO lead_tags (lead_id, tag_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      [pairs.map(([lead]) => lead), pairs.map(([, tag]) => tag)],
    );
  }
}
