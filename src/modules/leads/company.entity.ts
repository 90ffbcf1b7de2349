import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantRecord } from '../../common/database/tenant-entity.js';
import { Lead } from './lead.entity.js';

/** A company prospects work for; names are unique per organization, ignoring case. */
// The column a deleted row's references are looked up by (docs/scaling.md, "Indexed references").
@Index('ix_companies_created_from_lead', ['createdFromLead'], { where: 'created_from_lead IS NOT NULL' })
@Entity('companies')
@Index('ix_companies_org_created', ['orgId', 'createdOn', 'id'])
@Index('uq_companies_org_name', { synchronize: false })
export class Company extends TenantRecord {
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  industry: string;

  @Column({ type: 'varchar', length: 2048, default: '' })
  website: string;

  @Column({ type: 'uuid', nullable: true })
  createdFromLead: string | null;

  @ManyToOne(() => Lead, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_from_lead' })
  lead?: Relation<Lead>;
}
