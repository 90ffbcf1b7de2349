import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum MessageSendStatus {
  SENDING = 'sending',
  SENT = 'sent',
  FAILED = 'failed',
}

/**
 * One one-off message (an invitation, a verification link, an event invitation), by its
 * Message-ID: claimed before its SMTP transaction and settled after, as account mail's deliveries
 * are, so a job run again after a crash or a failed settle never mails it twice.
 */
@Entity('message_sends')
export class MessageSend {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  messageId: string;

  @Column({ type: 'enum', enum: MessageSendStatus, enumName: 'message_send_status' })
  status: MessageSendStatus;

  @Column({ type: 'int', default: 1 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;
}
