import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { Role } from '../../common/auth/role.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user-requests.dto.js';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { CreatedInvitationResponseDto, InvitationPageDto } from './dto/invitation.dto.js';
import { UserPageDto, UserResponseDto } from './dto/user-response.dto.js';
import { InvitationsService } from './invitations.service.js';
import { MembersService } from './members.service.js';

@ApiTags('Users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @OrgScoped(Role.ADMIN)
  @ApiOperation({ summary: 'List users', description: 'ADMIN only. Members of the organization, newest first.' })
  @ApiOkResponse({ type: UserPageDto, description: 'One page of users' })
  listUsers(@Principal() principal: OrgPrincipal, @Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.members.list(principal.orgId, query);
  }

  @Post()
  @OrgScoped(Role.ADMIN)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Invite a user',
    description:
      'ADMIN only. Mails an invitation to the address; the person becomes a member when they redeem it ' +
      '(POST /api/auth/accept-invite/). Nobody but the person sets their password. The answer is the same ' +
      'whether or not the address has an account; inviting again replaces this organization’s pending invitation.',
  })
  @ApiCreatedResponse({ type: CreatedInvitationResponseDto, description: 'The invitation is pending' })
  @ApiErrors('USER_ALREADY_MEMBER')
  createUser(@Principal() principal: OrgPrincipal, @Body() body: CreateUserDto): Promise<CreatedInvitationResponseDto> {
    return this.invitations.invite(principal, body);
  }

  @Get('invitations')
  @OrgScoped(Role.ADMIN)
  @ApiOperation({ summary: 'List pending invitations', description: 'ADMIN only. Newest first; accepted, revoked and expired ones are left out.' })
  @ApiOkResponse({ type: InvitationPageDto, description: 'One page of pending invitations' })
  listInvitations(@Principal() principal: OrgPrincipal, @Query() query: PaginationQueryDto): Promise<InvitationPageDto> {
    return this.invitations.listPending(principal.orgId, query);
  }

  @Delete('invitations/:id')
  @OrgScoped(Role.ADMIN)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an invitation', description: 'ADMIN only. Its token stops working at once.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(404)
  async revokeInvitation(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.invitations.revoke(principal.orgId, id);
  }

  @Get(':id')
  @OrgScoped()
  @ApiOperation({ summary: 'Get a user', description: 'An ADMIN may read any member; a USER only themselves.' })
  @ApiOkResponse({ type: UserResponseDto, description: 'The member' })
  @ApiErrors(404)
  getUser(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<UserResponseDto> {
    return this.members.getFor(principal, id);
  }

  @Put(':id')
  @OrgScoped(Role.ADMIN)
  @ApiOperation({
    summary: 'Change a user’s role or active state',
    description: 'ADMIN only. The last active ADMIN cannot be demoted or deactivated (409).',
  })
  @ApiOkResponse({ type: UserResponseDto, description: 'The updated member' })
  @ApiErrors(404, 'LAST_ADMIN')
  updateUser(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return this.members.update(principal.orgId, id, body);
  }

  @Delete(':id')
  @OrgScoped(Role.ADMIN)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Remove a user from the organization',
    description: 'ADMIN only. The person keeps their account; the last active ADMIN cannot be removed (409).',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(404, 'LAST_ADMIN')
  async deleteUser(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.members.remove(principal.orgId, id);
  }
}
