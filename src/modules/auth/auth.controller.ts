import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/access.decorators.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { AuthService } from './auth.service.js';
import { AcceptInviteDto } from './dto/accept-invite.dto.js';
import { LoginDto, LoginResponseDto, TokenPairDto } from './dto/login.dto.js';
import { RefreshDto } from './dto/refresh.dto.js';
import { RegisterDto, RegisterResponseDto } from './dto/register.dto.js';

@ApiTags('Auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create a person account',
    description: 'E-mail addresses are unique and stored lower-cased. Join or create an organization next.',
  })
  @ApiCreatedResponse({ type: RegisterResponseDto, description: 'The person was created' })
  @ApiErrors(400, 409)
  register(@Body() body: RegisterDto): Promise<RegisterResponseDto> {
    return this.auth.register(body);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description: 'Returns an access token (default lifetime one hour) and a single-use refresh token.',
  })
  @ApiOkResponse({ type: LoginResponseDto, description: 'Signed in' })
  @ApiErrors(400, 401)
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body);
  }

  @Post('refresh-token')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description: 'Each refresh token works once. Reusing one revokes every token of its sign-in.',
  })
  @ApiOkResponse({ type: TokenPairDto, description: 'A new token pair; the presented refresh token is now used' })
  @ApiErrors(400, 401)
  refreshToken(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refresh);
  }

  @Post('accept-invite')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Set the first password with an invite token',
    description: 'For a person an ADMIN added without a password. Sign in afterwards with the e-mail and password.',
  })
  @ApiOkResponse({ type: RegisterResponseDto, description: 'The password is set' })
  @ApiErrors(400)
  acceptInvite(@Body() body: AcceptInviteDto): Promise<RegisterResponseDto> {
    return this.auth.acceptInvite(body);
  }
}
