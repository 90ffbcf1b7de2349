import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { type RevisionFields, UpdatedByProperty, UpdatedOnProperty } from './revision-fields.js';

type ClassType<T> = abstract new (...args: never[]) => T;

export interface OwnershipFields extends RevisionFields {
  assigned_to: string[];
  teams: string[];
  created_by: string | null;
  created_on: string;
}

/** A record kind's own fields plus who it is assigned to, its teams, who made it when, and when it last changed: the tail every newer kind answers. */
export function WithOwnership<T>(fields: ClassType<T>) {
  class OwnedDto extends (fields as ClassType<object>) {
    @ApiProperty({ type: [String], format: 'uuid' })
    assigned_to: string[];

    @ApiProperty({ type: [String], format: 'uuid' })
    teams: string[];

    @ApiProperty({ type: String, format: 'uuid', nullable: true })
    created_by: string | null;

    @ApiProperty({ type: String, format: 'date-time' })
    created_on: string;

    @UpdatedOnProperty()
    updated_on: string;

    @UpdatedByProperty()
    updated_by: string | null;
  }
  // Concrete, so the item can be paged: PageOf takes a Type.
  return OwnedDto as unknown as Type<T & OwnershipFields>;
}
