import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantRecord } from '../../common/database/tenant-entity.js';
import { Account } from '../accounts/account.entity.js';

/** A file sent with a mail, kept in FileStorage as it was when the mail was written. */
export interface MailAttachment {
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** A mail sent from an account; its recipients and their outcome are its deliveries (email_deliveries). */
// The column a deleted row's references are looked up by (docs/scaling.md, "Indexed references").
@Index('ix_account_emails_account', ['accountId'])
@Entity('account_emails')
@Index('ix_account_emails_account_created', ['orgId', 'accountId', 'createdOn', 'id'])
export class AccountEmail extends TenantRecord {
  @Column({ type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column({ type: 'varchar', length: 998 })
  subject: string;

  /** Sanitised on the way in: no scripts, no event handlers. */
  @Column({ type: 'text' })
  html: string;

  /** Sent as Reply-To; the envelope sender is MAIL_FROM. */
  @Column({ type: 'varchar', length: 254, default: '' })
  fromAccount: string;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  /** Written by other modules' mail (an invoice's PDF); account mail from the API has none. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: MailAttachment[];
}
