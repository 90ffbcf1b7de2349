import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf } from '../../../common/pagination/page.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination-query.dto.js';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { UserRefDto, UserResponseDto } from '../../users/dto/user-response.dto.js';
import { TextFilter } from '../../../common/validation/filters.decorator.js';

export class CreateTeamDto {
  /** Unique in the organization, ignoring case. */
  @ApiProperty({ maxLength: 255, example: 'Support' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IdList('User ids of active members of the organization; replaces the members on update')
  users?: string[];
}

export class UpdateTeamDto extends PartialType(CreateTeamDto) {}

export class ListTeamsQueryDto extends PaginationQueryDto {
  @TextFilter('Part of the name, any case')
  name?: string;
}

export class TeamResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [UserRefDto] })
  users: UserRefDto[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

export class TeamPageDto extends PageOf(TeamResponseDto) {}

/** The compact form used in side lists. */
export class TeamRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

/** Each list is cut here: a form's pickers, not an export (the paged lists have them all). */
export const DIRECTORY_LIMIT = 1000;

export class TeamsAndUsersDto {
  @ApiProperty({ type: [TeamResponseDto], maxItems: DIRECTORY_LIMIT, description: 'Teams by name, with their members' })
  teams: TeamResponseDto[];

  @ApiProperty({ type: [UserResponseDto], maxItems: DIRECTORY_LIMIT, description: 'Active members by e-mail' })
  profiles: UserResponseDto[];
}
