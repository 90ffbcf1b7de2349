import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { MembersService } from '../users/members.service.js';
import { DIRECTORY_LIMIT, TeamsAndUsersDto } from './dto/team.dto.js';
import { TeamsService } from './teams.service.js';

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
