import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '../../common/database/tenant-entity.js';

/** A free-form label, created on first use; one per name (ignoring case) per organization. */
@Entity('tags')
@Index('uq_tags_org_name', { synchronize: false })
export class Tag extends TenantEntity {
  @Column({ type: 'varchar', length: 100 })
  name: string;
}
