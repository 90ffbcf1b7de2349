import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/access.decorators.js';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { MeResponseDto } from './dto/organization-response.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('Auth')
@Authenticated()
@Controller('auth/me')
export class MeController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({
    summary: 'Who am I',
    description: 'The signed-in person and every organization where they have an active profile. No `org` header needed.',
  })
  @ApiOkResponse({ type: MeResponseDto, description: 'The signed-in person' })
  getMe(@Principal() principal: UserPrincipal): Promise<MeResponseDto> {
    return this.organizations.me(principal.userId);
  }
}
