import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { OrgPrincipal } from '../auth/principal.js';
import { RECORD_KIND, type RecordKindOptions, type RecordKindService } from './record-kind.decorator.js';

export interface RegisteredKind extends RecordKindOptions {
  canSee(principal: OrgPrincipal, id: string): Promise<boolean>;
}

/** Every record kind of the application, collected from the services marked @RecordKind(). */
@Injectable()
export class RecordKinds implements OnModuleInit {
  private readonly kinds = new Map<string, RegisteredKind>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance) continue;
      const options = this.reflector.get<RecordKindOptions | undefined>(RECORD_KIND, metatype);
      if (!options) continue;
      if (this.kinds.has(options.kind)) throw new Error(`Two services declare the record kind ${options.kind}`);
      const service = instance as RecordKindService;
      this.kinds.set(options.kind, { ...options, canSee: (principal, id) => service.canSee(principal, id) });
    }
  }

  get(kind: string): RegisteredKind {
    const found = this.kinds.get(kind);
    if (!found) throw new Error(`Unknown record kind ${kind}`);
    return found;
  }

  all(): RegisteredKind[] {
    return [...this.kinds.values()];
  }
}
