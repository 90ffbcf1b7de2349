import { Column, Entity, Index, JoinTable, ManyToMany, type Relation } from 'typeorm';
import { TenantRecord } from '../../common/database/tenant-entity.js';
import { Tag } from '../tags/tag.entity.js';
import { User } from '../users/user.entity.js';

/**
 * An API key for a website's lead form. The key is shown once; only its SHA-256 digest and a
 * short prefix (to recognise it in lists) are kept.
 */
@Entity('api_settings')
@Index('ix_api_settings_org_created', ['orgId', 'createdOn', 'id'])
export class ApiSetting extends TenantRecord {
  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'varchar', length: 2048, default: '' })
  website: string;

  @Column({ type: 'varchar', length: 16 })
  keyPrefix: string;

  /** Unique per organization by constraint, across all by its 256 random bits: a secret is looked up before its organization is known, and a constraint without org_id could not hold once rows are spread by organization (docs/scaling.md). */
  @Index('ix_api_settings_key')
  @Column({ type: 'char', length: 64 })
  keyDigest: string;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @ManyToMany(() => User)
  @JoinTable({ name: 'api_setting_assignees', joinColumn: { name: 'api_setting_id' }, inverseJoinColumn: { name: 'user_id' } })
  leadAssignedTo?: Relation<User>[];

  @ManyToMany(() => Tag)
  @JoinTable({ name: 'api_setting_tags', joinColumn: { name: 'api_setting_id' }, inverseJoinColumn: { name: 'tag_id' } })
  tags?: Relation<Tag>[];
}
