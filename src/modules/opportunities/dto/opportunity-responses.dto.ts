import { WithOwnership } from '../../../common/records/ownership-fields.dto.js';
import { ApiProperty } from '@nestjs/swagger';
import { LeadSource } from '../../../common/records/lead-source.js';
import { CursorPageOf } from '../../../common/pagination/page.js';
import { WithComments } from '../../comments/dto/with-comments.dto.js';
import { OpportunityStage } from '../opportunity-stage.js';

class OpportunityFieldsDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Acme renewal 2027' })
  name: string;

  @ApiProperty({ enum: OpportunityStage, enumName: 'OpportunityStage' })
  stage: OpportunityStage;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  account: string | null;

  @ApiProperty({ type: String, nullable: true, example: '25000.00', description: 'Two decimals, as a string' })
  amount: string | null;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  probability: number;

  @ApiProperty({ enum: LeadSource, enumName: 'LeadSource', nullable: true })
  lead_source: LeadSource | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Expected close date' })
  closed_on: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The same date as `closed_on`, under Django-CRM’s name' })
  due_date: string | null;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who moved it to CLOSED WON or CLOSED LOST' })
  closed_by: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closed_at: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The lead it was converted from' })
  lead: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  contacts: string[];

  @ApiProperty({ type: [String] })
  tags: string[];
}

export class OpportunityItemDto extends WithOwnership(OpportunityFieldsDto) {}

export class OpportunityPageDto extends CursorPageOf(OpportunityItemDto) {}

export class OpportunityDetailResponseDto extends WithComments(OpportunityItemDto) {}

export class PipelineStageDto {
  @ApiProperty({ enum: OpportunityStage, enumName: 'OpportunityStage' })
  stage: OpportunityStage;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ type: 'integer' })
  count: number;

  @ApiProperty({ example: '125000.00', description: 'Sum of amounts, two decimals' })
  amount_total: string;

  @ApiProperty({ example: '62500.00', description: 'Sum of amount x probability / 100, two decimals (half-up)' })
  weighted_total: string;
}

export class PipelineResponseDto {
  @ApiProperty({ type: [PipelineStageDto], description: 'One row per stage and currency that has opportunities, in stage order' })
  stages: PipelineStageDto[];
}
