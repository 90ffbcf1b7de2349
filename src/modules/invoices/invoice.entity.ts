import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation } from 'typeorm';
import { Address } from '../../common/database/address.embedded.js';
import { VersionedRecord } from '../../common/database/tenant-entity.js';
import { Contact } from '../contacts/contact.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

export enum InvoiceStatus {
  DRAFT = 'Draft',
  SENT = 'Sent',
  PAID = 'Paid',
  PENDING = 'Pending',
  CANCELLED = 'Cancelled',
}

/** Money columns hold minor units' worth exactly: numeric with three places covers every currency. */
export const MONEY_COLUMN = { type: 'numeric', precision: 18, scale: 3 } as const;

/**
 * An invoice to an account. Totals are computed by the server from its lines (money.ts) and stored
 * with it; the status moves only through the actions (send, payments, cancel).
 */
@Index('ix_invoices_org_updated', ['orgId', 'updatedOn', 'id'])
@Entity('invoices')
@Index('ix_invoices_org_created', ['orgId', 'createdOn', 'id'])
@Index('ix_invoices_org_due', ['orgId', 'status', 'dueDate'])
@Index('ix_invoices_account', ['accountId'])
@Index('uq_invoices_org_number', ['orgId', 'invoiceNumber'], { unique: true })
export class Invoice extends VersionedRecord {
  @Column({ type: 'varchar', length: 255 })
  invoiceTitle: string;

  @Column({ type: 'varchar', length: 40 })
  invoiceNumber: string;

  @Column({ type: 'enum', enum: InvoiceStatus, enumName: 'invoice_status', default: InvoiceStatus.DRAFT })
  status: InvoiceStatus;

  /** Required when created; unlinked (null) only if the account is deleted later. */
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne('Account', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id' })
  account?: unknown;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'date', nullable: true })
  issueDate: string | null;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column(() => Address, { prefix: 'billing' })
  billing: Address;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'text', default: '' })
  terms: string;

  @Column(MONEY_COLUMN)
  subtotal: string;

  @Column(MONEY_COLUMN)
  taxTotal: string;

  @Column(MONEY_COLUMN)
  discountTotal: string;

  @Column(MONEY_COLUMN)
  total: string;

  @Column({ ...MONEY_COLUMN, default: 0 })
  amountPaid: string;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /** When it was first seen overdue (the daily sweep records it once in the history). */
  @Column({ type: 'timestamptz', nullable: true })
  overdueSince: Date | null;

  @ManyToMany(() => Contact)
  @JoinTable({ name: 'invoice_contacts', joinColumn: { name: 'invoice_id' }, inverseJoinColumn: { name: 'contact_id' } })
  contacts?: Relation<Contact>[];

  @ManyToMany(() => User)
  @JoinTable({ name: 'invoice_assignees', joinColumn: { name: 'invoice_id' }, inverseJoinColumn: { name: 'user_id' } })
  assignedTo?: Relation<User>[];

  @ManyToMany(() => Team)
  @JoinTable({ name: 'invoice_teams', joinColumn: { name: 'invoice_id' }, inverseJoinColumn: { name: 'team_id' } })
  teams?: Relation<Team>[];
}
