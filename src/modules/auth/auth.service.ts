import { type Db, InjectDb } from '../../common/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { ConflictError, UnauthorizedError } from '../../common/errors/app-error.js';
import type { AcceptInviteDto, AcceptInviteResponseDto } from '../users/dto/invitation.dto.js';
import { EmailVerificationsService } from '../users/email-verifications.service.js';
import { InvitationsService } from '../users/invitations.service.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { normalizeEmail, UsersService } from '../users/users.service.js';
import type { LoginDto, LoginResponseDto, RefreshedTokensDto } from './dto/login.dto.js';
import type { RegisterDto, RegisterResponseDto } from './dto/register.dto.js';
import { SessionCache } from './session-cache.js';
import { TokenService } from './token.service.js';

const emailTaken = () =>
  new ConflictError('EMAIL_TAKEN', 'An account with this e-mail already exists', { email: ['is already registered'] });

@Injectable()
export class AuthService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly invitations: InvitationsService,
    private readonly verifications: EmailVerificationsService,
    private readonly sessions: SessionCache,
  ) {}

  /**
   * Creates an account whose address is not yet proven: it works for the organizations it creates,
   * and joins others only through their invitations. A verification link is mailed when SMTP is set.
   */
  async register(dto: RegisterDto): Promise<RegisterResponseDto> {
    if (await this.users.existsByEmail(dto.email)) throw emailTaken();
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.db.withTransaction(async () => {
      await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`address:${normalizeEmail(dto.email)}`]);
      if (await this.users.existsByEmail(dto.email)) throw emailTaken();
      const created = await this.users.create(
        { email: dto.email, passwordHash, firstName: dto.first_name, lastName: dto.last_name },
      );
      await this.verifications.issue(created);
      return created;
    });
    this.verifications.sent();
    return { user_id: user.id, email: user.email };
  }

  /** The same answer for an unknown e-mail and a wrong password, so accounts cannot be probed. */
  async login(dto: LoginDto): Promise<LoginResponseDto> {
    const user = await this.users.findForSignIn(dto.email);
    const valid = await this.passwords.verify(user?.passwordHash, dto.password);
    if (!user || !valid || !user.isActive) {
      throw new UnauthorizedError('INVALID_CREDENTIALS', 'E-mail or password is incorrect');
    }
    return { ...(await this.tokens.issue(user)), user_id: user.id };
  }

  async acceptInvite(dto: AcceptInviteDto, signedInUserId?: string): Promise<AcceptInviteResponseDto> {
    const { accepted, detachedUserId } = await this.invitations.redeem(dto, signedInUserId);
    // Other instances notice within SESSION_CACHE_MS; this one at once.
    if (detachedUserId) this.sessions.forget(detachedUserId);
    return accepted;
  }

  verifyEmail(token: string): Promise<{ user_id: string; email: string }> {
    return this.verifications.verify(token);
  }

  resendVerification(userId: string): Promise<boolean> {
    return this.verifications.resend(userId);
  }

  async refresh(refreshToken: string): Promise<RefreshedTokensDto> {
    const pair = await this.tokens.rotate(refreshToken);
    return { ...pair, access: pair.access_token, refresh: pair.refresh_token };
  }
}
