import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { Role } from '../../common/auth/role.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { UpdateUserDto, UserStatusDto } from './dto/user-requests.dto.js';
import { UserResponseDto } from './dto/user-response.dto.js';
import { MembersService } from './members.service.js';

/**
 * The user detail at Django-CRM's path (`/api/user/{id}/`, singular), for its clients: the same
 * membership and rules as `/api/users/{id}/`, plus its status action.
 */
@ApiTags('Users')
@Controller('user')
export class UserAliasController {
  constructor(private readonly members: MembersService) {}

  @Get(':id')
  @OrgScoped()
  @ApiOperation({
    operationId: 'getUserAtReferencePath',
    summary: 'Get a user (Django-CRM path)',
    description: 'The same as GET /api/users/{id}/: an ADMIN may read any member; a USER only themselves, anyone else is a 404.',
  })
  @ApiOkResponse({ type: UserResponseDto, description: 'The member' })
  @ApiErrors(404)
  getUser(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<UserResponseDto> {
    return this.members.getFor(principal, id);
  }

  @Put(':id')
  @OrgScoped(Role.ADMIN)
  @ApiOperation({
    operationId: 'updateUserAtReferencePath',
    summary: 'Change a user (Django-CRM path)',
    description: 'The same as PUT /api/users/{id}/. ADMIN only; the last active ADMIN cannot be demoted or deactivated (409).',
  })
  @ApiOkResponse({ type: UserResponseDto, description: 'The updated member' })
  @ApiErrors(404, 'LAST_ADMIN')
  updateUser(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: UpdateUserDto): Promise<UserResponseDto> {
    return this.members.update(principal.orgId, id, body);
  }

  @Delete(':id')
  @OrgScoped(Role.ADMIN)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'deleteUserAtReferencePath',
    summary: 'Remove a user from the organization (Django-CRM path)',
    description: 'The same as DELETE /api/users/{id}/. ADMIN only; the person keeps their account.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(404, 'LAST_ADMIN')
  async deleteUser(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.members.remove(principal.orgId, id);
  }

  @Post(':id/status')
  @OrgScoped(Role.ADMIN)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'setUserStatus',
    summary: 'Activate or deactivate a user',
    description: 'ADMIN only. `inactive` is PUT with `is_active: false`, `active` with `true`; the last active ADMIN stays active (409).',
  })
  @ApiOkResponse({ type: UserResponseDto, description: 'The member with its new state' })
  @ApiErrors(404, 'LAST_ADMIN')
  setStatus(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: UserStatusDto): Promise<UserResponseDto> {
    return this.members.update(principal.orgId, id, { is_active: body.status === 'active' });
  }
}
