import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { OrgPrincipal } from '../auth/principal.js';
import {
  RECORD_KIND,
  type RecordKindOptions,
  type RecordKindService,
  REFERENCE_TARGET,
  type ReferenceTargetService,
} from './record-kind.decorator.js';

export interface RegisteredKind extends RecordKindOptions {
  canSee(principal: OrgPrincipal, id: string): Promise<boolean>;
  snapshots(orgId: string, ids: readonly string[]): Promise<{ id: string }[]>;
}

/**
 * Every record kind of the application, collected from the services marked @RecordKind(), and
 * every reference target (@ReferenceTarget(), and each record kind under its own name).
 */
@Injectable()
export class RecordKinds implements OnModuleInit {
  private readonly kinds = new Map<string, RegisteredKind>();
  private readonly targets = new Map<string, ReferenceTargetService>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance) continue;
      const options = this.reflector.get<RecordKindOptions | undefined>(RECORD_KIND, metatype);
      const target = this.reflector.get<string | undefined>(REFERENCE_TARGET, metatype) ?? options?.kind;
      if (target) {
        if (this.targets.has(target)) throw new Error(`Two services declare the reference target ${target}`);
        this.targets.set(target, instance as ReferenceTargetService);
      }
      if (!options) continue;
      const service = instance as RecordKindService;
      this.kinds.set(options.kind, {
        ...options,
        canSee: (principal, id) => service.canSee(principal, id),
        snapshots: (orgId, ids) => service.snapshots(orgId, ids),
      });
    }
  }

  get(kind: string): RegisteredKind {
    const found = this.kinds.get(kind);
    if (!found) throw new Error(`Unknown record kind ${kind}`);
    return found;
  }

  /** Of `ids` named in a body as `target`s, those the caller may name. */
  referableIds(target: string, principal: OrgPrincipal, ids: readonly string[]): Promise<string[]> {
    const service = this.targets.get(target);
    if (!service) throw new Error(`Unknown reference target ${target}`);
    return service.referableIds(principal, ids);
  }

  all(): RegisteredKind[] {
    return [...this.kinds.values()];
  }
}
