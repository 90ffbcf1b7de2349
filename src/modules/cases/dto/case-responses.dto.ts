import { SIDE_LIST_LIMIT } from '../../../common/pagination/side-list.js';
import { ApiProperty } from '@nestjs/swagger';
import { CursorPageOf } from '../../../common/pagination/page.js';
import { AttachmentResponseDto, CommentResponseDto } from '../../comments/dto/comment.dto.js';
import { TeamRefDto } from '../../teams/dto/team.dto.js';
import { UserRefDto } from '../../users/dto/user-response.dto.js';
import { CasePriority, CaseStatus, CaseType } from '../case.entity.js';
import { UpdatedByProperty, UpdatedOnProperty } from '../../../common/records/revision-fields.js';

/** The case's own fields, as in the seed's `case_obj`. */
export class CaseFieldsDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Login Issues - ACME Corp' })
  name: string;

  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus' })
  status: CaseStatus;

  @ApiProperty({ enum: CasePriority, enumName: 'CasePriority' })
  priority: CasePriority;

  @ApiProperty({ enum: CaseType, enumName: 'CaseType', nullable: true })
  case_type: CaseType | null;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Account id' })
  account: string | null;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Contact ids' })
  contacts: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @UpdatedOnProperty()
  updated_on: string;

  @UpdatedByProperty()
  updated_by: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closed_on: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;
}

/** One case in the list and in create/update answers. */
export class CaseItemDto extends CaseFieldsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Assigned user ids' })
  assigned_to: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Team ids' })
  teams: string[];
}

export class CasePageDto extends CursorPageOf(CaseItemDto) {}

export class CaseDetailResponseDto {
  @ApiProperty({ type: CaseFieldsDto })
  case_obj: CaseFieldsDto;

  @ApiProperty({ type: [UserRefDto] })
  assigned_to: UserRefDto[];

  @ApiProperty({ type: [TeamRefDto] })
  teams: TeamRefDto[];

  @ApiProperty({ type: [CommentResponseDto], description: 'Oldest first' })
  comments: CommentResponseDto[];

  @ApiProperty({ type: [AttachmentResponseDto], description: 'Newest first' })
  attachments: AttachmentResponseDto[];

  @ApiProperty({ type: [UserRefDto], description: `Active members, for @mentions: the first ${SIDE_LIST_LIMIT} by e-mail` })
  users_mention: UserRefDto[];

  @ApiProperty({ type: 'integer', description: `How many active members there are in all (the list carries at most ${SIDE_LIST_LIMIT})` })
  users_mention_count: number;
}
