import {
  Column,
  CreateDateColumn,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../modules/organizations/organization.entity.js';
import { User } from '../modules/users/user.entity.js';

/** Columns of every row that belongs to one organization (deleted with it). */
export abstract class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orgId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: Relation<Organization>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;
}

/** A CRM record: tenant columns plus who created it (kept as null if that person goes) and when it changed. */
export abstract class TenantRecord extends TenantEntity {
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;
}
