import {
  Column,
  CreateDateColumn,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Columns of every row that belongs to one organization (deleted with it). */
export abstract class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orgId: string;

  // By entity name, so this base layer imports no feature module.
  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;
}

/** A CRM record: tenant columns plus who created it (kept as null if that person goes) and when it changed. */
export abstract class TenantRecord extends TenantEntity {
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: unknown;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;
}
