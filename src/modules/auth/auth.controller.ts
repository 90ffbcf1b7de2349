import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, OptionalAuth, Public } from '../../common/auth/access.decorators.js';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { Throttle } from '../throttling/throttle.guard.js';
import { AuthService } from './auth.service.js';
import { AcceptInviteDto, AcceptInviteResponseDto } from '../users/dto/invitation.dto.js';
import { LoginDto, LoginResponseDto, RefreshedTokensDto } from './dto/login.dto.js';
import { RefreshDto } from './dto/refresh.dto.js';
import { RegisterDto, RegisterResponseDto, VerificationResendResponseDto, VerifyEmailDto } from './dto/register.dto.js';

@ApiTags('Auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Throttle('ip')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create a person account',
    description: 'E-mail addresses are unique and stored lower-cased. Join or create an organization next.',
  })
  @ApiCreatedResponse({ type: RegisterResponseDto, description: 'The person was created' })
  @ApiErrors(400, 'EMAIL_TAKEN')
  register(@Body() body: RegisterDto): Promise<RegisterResponseDto> {
    return this.auth.register(body);
  }

  @Post('login')
  @Throttle('ip', 'account')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description: 'Returns an access token (default lifetime one hour) and a single-use refresh token.',
  })
  @ApiOkResponse({ type: LoginResponseDto, description: 'Signed in' })
  @ApiErrors(400, 'INVALID_CREDENTIALS')
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body);
  }

  @Post('refresh-token')
  @Throttle('ip')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description:
      'Each refresh token works once. Reusing one revokes every token of its sign-in. The new pair is answered ' +
      'twice: as `access_token`/`refresh_token`, and as `access`/`refresh` for clients written for Django-CRM.',
  })
  @ApiOkResponse({ type: RefreshedTokensDto, description: 'A new token pair; the presented refresh token is now used' })
  @ApiErrors(400, 'INVALID_REFRESH_TOKEN', 'REFRESH_TOKEN_REUSED')
  refreshToken(@Body() body: RefreshDto): Promise<RefreshedTokensDto> {
    return this.auth.refresh(body.refresh);
  }

  @Post('accept-invite')
  @OptionalAuth()
  @Throttle('ip')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Accept an invitation',
    description:
      'Joins the inviting organization. Signed in, as the invited address: joins as that account. Signed out, for ' +
      'an address without a verified account: `password` creates the account (an unverified earlier claim of the ' +
      'address loses it; see docs/security.md). An address with a verified account must sign in first (401 SIGN_IN_REQUIRED).',
  })
  @ApiOkResponse({ type: AcceptInviteResponseDto, description: 'The person is now a member; sign in to act in the organization' })
  @ApiErrors(400, 'SIGN_IN_REQUIRED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'INVITATION_FOR_ANOTHER_ACCOUNT')
  acceptInvite(@Principal() principal: UserPrincipal | undefined, @Body() body: AcceptInviteDto): Promise<AcceptInviteResponseDto> {
    return this.auth.acceptInvite(body, principal?.userId);
  }

  @Post('verify-email')
  @Throttle('ip')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm an e-mail address', description: 'With the token mailed at registration.' })
  @ApiOkResponse({ type: RegisterResponseDto, description: 'The address is verified' })
  @ApiErrors(400)
  verifyEmail(@Body() body: VerifyEmailDto): Promise<RegisterResponseDto> {
    return this.auth.verifyEmail(body.token);
  }

  @Post('verify-email/resend')
  @Authenticated()
  @Throttle('ip')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Mail a new verification link', description: 'To the signed-in person, when their address is not verified yet and SMTP is configured.' })
  @ApiResponse({ status: HttpStatus.ACCEPTED, type: VerificationResendResponseDto, description: 'Whether a mail was queued' })
  async resendVerification(@Principal() principal: UserPrincipal): Promise<VerificationResendResponseDto> {
    return { sent: await this.auth.resendVerification(principal.userId) };
  }
}
