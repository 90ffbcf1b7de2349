import { Injectable } from '@nestjs/common';
import { ConflictError, UnauthorizedError } from '../../common/errors/app-error.js';
import { UsersService } from '../users/users.service.js';
import type { LoginDto, LoginResponseDto, TokenPairDto } from './dto/login.dto.js';
import type { AcceptInviteDto } from './dto/accept-invite.dto.js';
import type { RegisterDto, RegisterResponseDto } from './dto/register.dto.js';
import { InvitesService } from '../users/invites.service.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { TokenService } from './token.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly invites: InvitesService,
  ) {}

  async register(dto: RegisterDto): Promise<RegisterResponseDto> {
    if (await this.users.existsByEmail(dto.email)) {
      throw new ConflictError('EMAIL_TAKEN', 'An account with this e-mail already exists', {
        email: ['is already registered'],
      });
    }
    const user = await this.users.create({
      email: dto.email,
      passwordHash: await this.passwords.hash(dto.password),
      firstName: dto.first_name,
      lastName: dto.last_name,
    });
    return { user_id: user.id, email: user.email };
  }

  /** The same answer for an unknown e-mail and a wrong password, so accounts cannot be probed. */
  async login(dto: LoginDto): Promise<LoginResponseDto> {
    const user = await this.users.findForSignIn(dto.email);
    const valid = await this.passwords.verify(user?.passwordHash, dto.password);
    if (!user || !valid || !user.isActive) {
      throw new UnauthorizedError('INVALID_CREDENTIALS', 'E-mail or password is incorrect');
    }
    return { ...(await this.tokens.issue(user.id)), user_id: user.id };
  }

  async acceptInvite(dto: AcceptInviteDto): Promise<RegisterResponseDto> {
    const user = await this.invites.redeem(dto.token, dto.password);
    return { user_id: user.id, email: user.email };
  }

  refresh(refreshToken: string): Promise<TokenPairDto> {
    return this.tokens.rotate(refreshToken);
  }
}
