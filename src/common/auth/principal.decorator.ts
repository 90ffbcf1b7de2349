import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The caller resolved by the access guard: `UserPrincipal`, or `OrgPrincipal` on org-scoped routes. */
export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return request.principal;
});
