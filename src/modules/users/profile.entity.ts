import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '../../common/auth/role.js';
import { Address } from '../../common/database/address.embedded.js';
import { User } from './user.entity.js';

/** A person's membership of one organization, with their role there. */
@Entity('profiles')
@Unique('uq_profiles_user_org', ['userId', 'orgId'])
@Index('ix_profiles_org_created', ['orgId', 'createdOn'])
export class Profile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: Relation<User>;

  @Column({ type: 'uuid' })
  orgId: string;

  // By entity name: organizations depend on users (their members), not the other way round.
  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: unknown;

  @Column({ type: 'enum', enum: Role, enumName: 'profile_role', default: Role.USER })
  role: Role;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @Column({ type: 'varchar', length: 32, default: '' })
  phone: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  alternatePhone: string;

  @Column(() => Address, { prefix: false })
  address: Address;

  /** Kept and shown for Django-CRM's clients; grants nothing beyond the role (docs/contract-additions.md). */
  @Column({ type: 'boolean', default: false })
  hasSalesAccess: boolean;

  /** Kept and shown for Django-CRM's clients; grants nothing beyond the role. */
  @Column({ type: 'boolean', default: false })
  hasMarketingAccess: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;
}
