import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { Role } from '../../common/auth/role.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CreateTeamDto, ListTeamsQueryDto, TeamPageDto, TeamResponseDto, UpdateTeamDto } from './dto/team.dto.js';
import { TeamsService } from './teams.service.js';

@ApiTags('Teams')
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @OrgScoped()
  @ApiOperation({ summary: 'List teams', description: 'Every member may list the teams, newest first.' })
  @ApiOkResponse({ type: TeamPageDto, description: 'One page of teams' })
  listTeams(@Principal() principal: OrgPrincipal, @Query() query: ListTeamsQueryDto): Promise<TeamPageDto> {
    return this.teams.list(principal.orgId, query);
  }

  @Post()
  @OrgScoped(Role.ADMIN)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a team', description: 'ADMIN only. Names are unique in the organization.' })
  @ApiCreatedResponse({ type: TeamResponseDto, description: 'The team was created' })
  @ApiErrors('TEAM_NAME_TAKEN')
  createTeam(@Principal() principal: OrgPrincipal, @Body() body: CreateTeamDto): Promise<TeamResponseDto> {
    return this.teams.create(principal, body);
  }

  @Get(':id')
  @OrgScoped()
  @ApiOperation({ summary: 'Get a team', description: 'The team with its members.' })
  @ApiOkResponse({ type: TeamResponseDto, description: 'The team' })
  @ApiErrors(404)
  getTeam(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<TeamResponseDto> {
    return this.teams.get(principal.orgId, id);
  }

  @Put(':id')
  @OrgScoped(Role.ADMIN)
  @ApiOperation({
    summary: 'Update a team',
    description: 'ADMIN only. Fields left out are kept; `users`, when sent, replaces the members.',
  })
  @ApiOkResponse({ type: TeamResponseDto, description: 'The updated team' })
  @ApiErrors(404, 'TEAM_NAME_TAKEN')
  updateTeam(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Body() body: UpdateTeamDto,
  ): Promise<TeamResponseDto> {
    return this.teams.update(principal.orgId, id, body);
  }

  @Delete(':id')
  @OrgScoped(Role.ADMIN)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a team', description: 'ADMIN only. Records assigned to it lose the team.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async deleteTeam(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.teams.remove(principal.orgId, id);
  }
}
