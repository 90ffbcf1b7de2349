import { Column } from 'typeorm';
import { TenantEntity } from '../../common/database/tenant-entity.js';

/**
 * A row that belongs to one record of any kind (`account`, `lead`, `case`, `contact`, ...): the
 * kind and the id. A new kind needs no column or migration here; deleting a record removes its
 * rows in the same transaction (CommentsService.deleteAllOf), and an organization's go with it.
 */
export abstract class ParentedEntity extends TenantEntity {
  @Column({ type: 'varchar', length: 32 })
  parentKind: string;

  @Column({ type: 'uuid' })
  parentId: string;
}
