import { Column, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantEntity } from '../../common/database/tenant-entity.js';
import { Account } from '../accounts/account.entity.js';
import { Case } from '../cases/case.entity.js';
import { Lead } from '../leads/lead.entity.js';

/**
 * A row that belongs to exactly one parent record: one nullable foreign key per parent kind (not
 * a type/id pair), so deleting the parent cascades. Adding a parent kind is one column here, one
 * entry in PARENT_COLUMNS and one migration.
 */
export abstract class ParentedEntity extends TenantEntity {
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;
}
