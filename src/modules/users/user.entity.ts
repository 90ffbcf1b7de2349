import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person. Belongs to organizations through profiles. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique across the whole system. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  /** Null for a person created before invitations existed who never set one. */
  @Column({ type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 150, default: '' })
  firstName: string;

  @Column({ type: 'varchar', length: 150, default: '' })
  lastName: string;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  /** Set when the person proved they read this mailbox (a mailed link or invitation was used). */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /** In every token; raising it ends every session of the person at once. */
  @Column({ type: 'int', default: 0 })
  sessionVersion: number;

  /** Where an unverified claim lost its address to the mailbox's proven owner: the address it had, and when. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  detachedEmail: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  detachedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;
}
