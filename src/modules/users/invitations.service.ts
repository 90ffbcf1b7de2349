import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { newSecretToken, tokenDigest } from '../../common/auth/secret-token.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationFailedError,
} from '../../common/errors/app-error.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { passwordProblem } from '../../common/validation/password.js';
import { AppConfig } from '../../config/app-config.js';
import { MESSAGE_JOB, type MessageJob } from '../jobs/message-job.js';
import { Outbox } from '../jobs/outbox.js';
import type {
  AcceptInviteDto,
  AcceptInviteResponseDto,
  CreatedInvitationResponseDto,
  InvitationResponseDto,
} from './dto/invitation.dto.js';
import type { CreateUserDto } from './dto/user-requests.dto.js';
import { Invitation } from './invitation.entity.js';
import { MembersService } from './members.service.js';
import { PasswordHasher } from './password-hasher.js';
import { normalizeEmail, UsersService } from './users.service.js';

/** An accepted invitation, and the earlier unverified claim of the address it detached, if any. */
export interface Redemption {
  accepted: AcceptInviteResponseDto;
  detachedUserId?: string;
}

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

const invalidToken = () => ValidationFailedError.field('token', 'is invalid, expired, revoked or already used');

const toResponse = (invitation: Invitation): InvitationResponseDto => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  status: 'pending',
  expires_at: invitation.expiresAt.toISOString(),
  invited_by: invitation.invitedBy,
  created_on: invitation.createdOn.toISOString(),
});

/**
 * Membership by proof of the mailbox. An ADMIN invites an address; only whoever redeems the token
 * mailed there joins, and nobody but that person ever sets the account's password.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly users: UsersService,
    private readonly members: MembersService,
    private readonly passwords: PasswordHasher,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
  ) {}

  /**
   * Invites the address into the caller's organization, replacing a pending invitation of this
   * organization for it. Answers alike whether the address has an account or not.
   */
  async invite(principal: OrgPrincipal, dto: CreateUserDto): Promise<CreatedInvitationResponseDto> {
    const email = normalizeEmail(dto.email);
    const { token, digest } = newSecretToken('inv');
    const mailed = Boolean(this.config.mail.smtpUrl);
    const invitation = await this.db.withTransaction(async () => {
      await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`invite:${principal.orgId}:${email}`]);
      const person = await this.users.findByEmail(email);
      if (person && (await this.members.isMember(principal.orgId, person.id))) {
        throw new ConflictError('USER_ALREADY_MEMBER', 'This person is already a member of the organization', {
          email: ['is already a member of this organization'],
        });
      }
      const invitations = this.db.tx.getRepository(Invitation);
      await invitations.update(
        { orgId: principal.orgId, email, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      const saved = await invitations.save({
        orgId: principal.orgId,
        email,
        role: dto.role,
        firstName: dto.first_name ?? '',
        lastName: dto.last_name ?? '',
        tokenHash: digest,
        invitedBy: principal.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      });
      if (mailed) await this.outbox.add({ name: MESSAGE_JOB, payload: { ...(await this.mail(saved, token)) } });
      return saved;
    });
    if (mailed) {
      this.outbox.kick();
      return toResponse(invitation);
    }
    // Hand delivery is for development and tests only; production never shows the token.
    if (this.config.isProduction) return toResponse(invitation);
    return { ...toResponse(invitation), invite_token: token, invite_url: this.link(token) };
  }

  async listPending(orgId: string, query: PaginationQueryDto): Promise<Page<InvitationResponseDto>> {
    const [rows, count] = await this.db.tx.getRepository(Invitation).findAndCount({
      where: { orgId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdOn: 'DESC', id: 'DESC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage('/api/users/invitations/', query, count, rows.map(toResponse));
  }

  async revoke(orgId: string, id: string): Promise<void> {
    const result = await this.db.tx
      .getRepository(Invitation)
      .update({ id, orgId, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw new NotFoundError('Invitation');
  }

  /**
   * Redeems an invitation. Signed in: joins as that account, which must be the invited address.
   * Not signed in: an address with a verified account must sign in first; otherwise the redeemer,
   * having proved the mailbox, sets the password of a fresh account for it, and an unverified
   * earlier claim of the address is detached from it.
   */
  async redeem(dto: AcceptInviteDto, signedInUserId?: string): Promise<Redemption> {
    const digest = tokenDigest(dto.token);
    const found = await this.db.tx.getRepository(Invitation).findOneBy({ tokenHash: digest });
    if (!found || !this.isPending(found)) throw invalidToken();
    if (signedInUserId && dto.password !== undefined) {
      throw ValidationFailedError.field('password', 'is not used when accepting while signed in');
    }
    if (dto.password !== undefined) {
      const problem = passwordProblem(dto.password, found.email);
      if (problem) throw ValidationFailedError.field('password', `password ${problem}`);
    }
    const passwordHash = dto.password === undefined ? undefined : await this.passwords.hash(dto.password);
    return this.db.withTransaction(async () => {
      const invitation = await this.db.tx
        .getRepository(Invitation)
        .findOne({ where: { tokenHash: digest }, lock: { mode: 'pessimistic_write' } });
      if (!invitation || !this.isPending(invitation)) throw invalidToken();
      // One redemption or registration of an address at a time.
      await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`address:${invitation.email}`]);
      const { userId, detachedUserId } = await this.redeemer(invitation, passwordHash, signedInUserId);
      if (!(await this.members.isMember(invitation.orgId, userId))) {
        await this.members.addMember(invitation.orgId, userId, invitation.role);
      }
      await this.db.tx.getRepository(Invitation).update({ id: invitation.id }, { acceptedAt: new Date(), acceptedBy: userId });
      return {
        accepted: { user_id: userId, email: invitation.email, org_id: invitation.orgId, role: invitation.role },
        detachedUserId,
      };
    });
  }

  /** The account that joins, made or proven here. */
  private async redeemer(
    invitation: Invitation,
    passwordHash: string | undefined,
    signedInUserId: string | undefined,
  ): Promise<{ userId: string; detachedUserId?: string }> {
    const existing = await this.users.lockByEmail(invitation.email);
    if (signedInUserId) {
      if (existing?.id !== signedInUserId) {
        throw new ForbiddenError(
          'INVITATION_FOR_ANOTHER_ACCOUNT',
          'This invitation is for another e-mail address: accept it signed in as that address, or signed out',
        );
      }
      await this.users.markVerified(existing.id);
      return { userId: existing.id };
    }
    if (existing?.emailVerifiedAt) {
      throw new UnauthorizedError('SIGN_IN_REQUIRED', 'This address has an account: sign in as it, then accept the invitation');
    }
    if (!passwordHash) throw ValidationFailedError.field('password', 'is required to create the account of the invited address');
    if (existing && existing.passwordHash === null) {
      await this.users.claim(existing.id, passwordHash);
      return { userId: existing.id };
    }
    if (existing) await this.users.detach(existing);
    const { firstName, lastName, email } = invitation;
    const created = await this.users.create({ email, passwordHash, firstName, lastName, verified: true });
    return { userId: created.id, detachedUserId: existing?.id };
  }

  private isPending(invitation: Invitation): boolean {
    return !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > new Date();
  }

  private link(token: string): string {
    return `${this.config.appUrl}/accept-invite?token=${encodeURIComponent(token)}`;
  }

  private async mail(invitation: Invitation, token: string): Promise<MessageJob> {
    const [organization]: { name: string }[] = await this.db.tx.query('SELECT name FROM organizations WHERE id = $1', [invitation.orgId]);
    return {
      to: invitation.email,
      subject: `You are invited to join ${organization?.name ?? 'an organization'}`,
      text: [
        `You are invited to join the organization "${organization?.name ?? ''}" as ${invitation.role}.`,
        '',
        `Accept it here: ${this.link(token)}`,
        '',
        `Or through the API: POST /api/auth/accept-invite/ with this token`,
        `(and a password, if the address has no account yet):`,
        token,
        '',
        `It expires on ${invitation.expiresAt.toISOString()}. If you did not expect it, ignore this mail.`,
      ].join('\n'),
      messageId: `<invitation.${invitation.id}@crm>`,
    };
  }
}
