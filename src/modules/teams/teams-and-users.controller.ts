import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { UserResponseDto } from '../users/dto/user-response.dto.js';
import { MembersService } from '../users/members.service.js';
import { TeamResponseDto } from './dto/team.dto.js';
import { TeamsService } from './teams.service.js';

/** Each list is cut here: a form's pickers, not an export (the paged lists have them all). */
export const DIRECTORY_LIMIT = 1000;

export class TeamsAndUsersDto {
  @ApiProperty({ type: [TeamResponseDto], maxItems: DIRECTORY_LIMIT, description: 'Teams by name, with their members' })
  teams: TeamResponseDto[];

  @ApiProperty({ type: [UserResponseDto], maxItems: DIRECTORY_LIMIT, description: 'Active members by e-mail' })
  profiles: UserResponseDto[];
}

@ApiTags('Users')
@Controller('users/get-teams-and-users')
export class TeamsAndUsersController {
  constructor(
    private readonly teams: TeamsService,
    private readonly members: MembersService,
  ) {}

  @Get()
  @OrgScoped()
  @ApiOperation({
    summary: 'Teams and active users, for assignment pickers',
    description: `Django-CRM's route: the organization's teams and active members, the first ${DIRECTORY_LIMIT} of each. Any member.`,
  })
  @ApiOkResponse({ type: TeamsAndUsersDto, description: 'Teams and members' })
  async getTeamsAndUsers(@Principal() principal: OrgPrincipal): Promise<TeamsAndUsersDto> {
    const [teams, profiles] = await Promise.all([this.teams.directory(principal.orgId, DIRECTORY_LIMIT), this.members.activeProfiles(principal.orgId, DIRECTORY_LIMIT)]);
    return { teams, profiles };
  }
}
