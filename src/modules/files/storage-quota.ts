import { Injectable } from '@nestjs/common';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { AppError } from '../../common/errors/app-error.js';
import { AppConfig } from '../../config/app-config.js';

const MIB = 1024 * 1024;

/**
 * STORAGE_QUOTA_BYTES per organization, over every file its rows own (the organization_storage
 * view). Checked in the transaction that records a new file, under a per-organization lock held
 * until it commits, so two uploads at once cannot both fit into the last of the room.
 */
@Injectable()
export class StorageQuota {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly config: AppConfig,
  ) {}

  /** Refuses (413) a file of `bytes` that would take the organization past its quota; call inside the recording transaction. */
  async assertRoom(orgId: string, bytes: number, field: string): Promise<void> {
    const quota = this.config.uploads.quotaBytes;
    if (quota === 0) return;
    await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`storage:${orgId}`]);
    const [row]: { bytes: string }[] = await this.db.tx.query('SELECT bytes FROM organization_storage WHERE org_id = $1', [orgId]);
    const used = Number(row?.bytes ?? 0);
    if (used + bytes > quota) {
      const message = `The organization keeps ${(used / MIB).toFixed(1)} MiB of its ${(quota / MIB).toFixed(0)} MiB of files; this one (${(bytes / MIB).toFixed(1)} MiB) does not fit`;
      throw new AppError(413, 'STORAGE_QUOTA_EXCEEDED', message, { [field]: ['does not fit in the organization’s storage quota'] });
    }
  }
}
