import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../common/database/tenant-entity.js';
import { Invoice, MONEY_COLUMN } from './invoice.entity.js';

/** What an invoice owns: rows that live and die with it. */
abstract class InvoicePart extends TenantEntity {
  @Column({ type: 'uuid' })
  invoiceId: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;
}

// Each part is also indexed by its invoice alone: a deleted invoice's cascade looks its parts up by that column (docs/scaling.md, "Indexed references").
@Entity('invoice_lines')
@Index('ix_invoice_lines_invoice', ['orgId', 'invoiceId', 'position'])
@Index('ix_invoice_lines_invoice_id', ['invoiceId'])
export class InvoiceLine extends InvoicePart {
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 1000 })
  description: string;

  @Column({ type: 'numeric', precision: 15, scale: 3 })
  quantity: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  unitPrice: string;

  @Column({ type: 'numeric', precision: 6, scale: 3 })
  taxRate: string;

  @Column({ type: 'numeric', precision: 6, scale: 3 })
  discount: string;

  @Column(MONEY_COLUMN)
  amount: string;
}

@Entity('invoice_payments')
@Index('ix_invoice_payments_invoice', ['orgId', 'invoiceId', 'createdOn'])
@Index('ix_invoice_payments_invoice_id', ['invoiceId'])
export class InvoicePayment extends InvoicePart {
  @Column(MONEY_COLUMN)
  amount: string;

  @Column({ type: 'date' })
  paidOn: string;

  @Column({ type: 'varchar', length: 50, default: '' })
  method: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  reference: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}

/** Each organization's next invoice number; a row lock makes concurrent creates take turns. */
@Entity('invoice_sequences')
export class InvoiceSequence {
  @PrimaryColumn({ type: 'uuid' })
  orgId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: unknown;

  @Column({ type: 'bigint', default: 1 })
  nextNumber: string;
}

/** A mail that carried the invoice (MailModule's account_emails row), so the invoice shows who got it. */
@Entity('invoice_emails')
@Index('ix_invoice_emails_invoice', ['orgId', 'invoiceId', 'createdOn'])
@Index('ix_invoice_emails_invoice_id', ['invoiceId'])
@Index('ix_invoice_emails_email', ['emailId'])
export class InvoiceEmail extends InvoicePart {
  @Column({ type: 'uuid' })
  emailId: string;

  /** What the mailed PDF prints (pdfKeyOf), and where its file is: a download that prints the same is served from it. */
  @Column({ type: 'varchar', length: 27, nullable: true })
  pdfKey: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  pdfStorageKey: string | null;

  @ManyToOne('AccountEmail', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'email_id' })
  email?: unknown;
}
