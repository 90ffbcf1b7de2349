import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A tenant: every CRM record belongs to exactly one organization. */
@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** ISO 4217: what money of this organization is in unless a record says otherwise. */
  @Column({ type: 'char', length: 3, default: 'USD' })
  defaultCurrency: string;

  /** Put before each invoice number (`INV-` gives INV-000042). */
  @Column({ type: 'varchar', length: 20, default: 'INV-' })
  invoicePrefix: string;

  /** IANA name: where an event that names no time zone takes place. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  /** Whether every change to a record must say which revision it is based on (If-Match), else 428. */
  @Column({ type: 'boolean', default: false })
  requireIfMatch: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;
}
