import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from 'typeorm';
import { Contact } from '../contacts/contact.entity.js';
import { AccountEmail } from './account-email.entity.js';

export enum DeliveryStatus {
  QUEUED = 'queued',
  SENDING = 'sending',
  SENT = 'sent',
  FAILED = 'failed',
  /** A send was cut off (the process died mid-send): it may or may not have arrived, so it is never retried by itself. */
  UNKNOWN = 'unknown',
}

/**
 * One recipient of one mail. Written before and after each send, so a retried job knows who
 * already has the mail and never sends it to them twice.
 */
// The column a deleted row's references are looked up by (docs/scaling.md, "Indexed references").
@Index('ix_email_deliveries_contact', ['contactId'], { where: 'contact_id IS NOT NULL' })
@Entity('email_deliveries')
@Unique('uq_email_deliveries_email_address', ['emailId', 'address'])
@Index('ix_email_deliveries_status', ['status'])
export class EmailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  emailId: string;

  @ManyToOne(() => AccountEmail, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'email_id' })
  email?: Relation<AccountEmail>;

  @Column({ type: 'varchar', length: 254 })
  address: string;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'delivery_status', default: DeliveryStatus.QUEUED })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
