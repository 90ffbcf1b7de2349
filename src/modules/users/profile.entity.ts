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

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;
}
