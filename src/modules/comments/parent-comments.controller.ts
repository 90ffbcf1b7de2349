import { Body, Controller, Delete, HttpCode, HttpStatus, Post, Put, Req, type Type } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CommentsService } from './comments.service.js';
import { ADD_COMMENT_BODY, AddedResponseDto, CommentResponseDto, UpdateCommentDto } from './dto/comment.dto.js';
import type { ParentKind } from './parent.js';

interface ParentRoutes {
  kind: ParentKind;
  /** The parent's path segment and OpenAPI tag. */
  path: 'accounts' | 'leads' | 'cases';
  tag: string;
  /** For operationIds: addAccountComment, updateLeadComment, deleteCaseAttachment... */
  name: 'Account' | 'Lead' | 'Case';
}

/**
 * The comment and attachment routes of one parent kind, the same shape for every kind:
 * `POST /api/{parent}/{id}/`, `PUT|DELETE /api/{parent}/comment/{id}/`,
 * `DELETE /api/{parent}/attachment/{id}/`. Visibility comes from the parent's registered rule.
 */
export function ParentCommentsController({ kind, path, tag, name }: ParentRoutes): Type<unknown> {
  const noun = name.toLowerCase();
  const withArticle = `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

  @ApiTags(tag)
  @OrgScoped()
  @Controller(path)
  class ParentComments {
    constructor(readonly comments: CommentsService) {}

    @Post(':id')
    @HttpCode(HttpStatus.CREATED)
    @ApiOperation({
      operationId: `add${name}Comment`,
      summary: `Comment on or attach a file to ${withArticle}`,
      description: `JSON \`{comment}\`, or a multipart form with \`comment\` and/or one file. Anyone who can see the ${noun}.`,
      requestBody: ADD_COMMENT_BODY,
    })
    @ApiCreatedResponse({ type: AddedResponseDto, description: 'What was added' })
    @ApiErrors(404, 413, 415)
    add(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Req() request: FastifyRequest): Promise<AddedResponseDto> {
      return this.comments.addFromRequest(principal, { kind, id }, request);
    }

    @Put('comment/:id')
    @ApiOperation({ operationId: `update${name}Comment`, summary: `Edit ${withArticle} comment`, description: 'Its author or an ADMIN only.' })
    @ApiOkResponse({ type: CommentResponseDto, description: 'The edited comment' })
    @ApiErrors('NOT_AUTHOR', 404)
    update(
      @Principal() principal: OrgPrincipal,
      @IdParam() id: string,
      @Body() body: UpdateCommentDto,
    ): Promise<CommentResponseDto> {
      return this.comments.updateComment(principal, kind, id, body.comment);
    }

    @Delete('comment/:id')
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiOperation({ operationId: `delete${name}Comment`, summary: `Delete ${withArticle} comment`, description: 'Its author or an ADMIN only.' })
    @ApiNoContentResponse({ description: 'Deleted' })
    @ApiErrors('NOT_AUTHOR', 404)
    async remove(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
      await this.comments.deleteComment(principal, kind, id);
    }

    @Delete('attachment/:id')
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiOperation({
      operationId: `delete${name}Attachment`,
      summary: `Delete ${withArticle} attachment`,
      description: 'Its uploader or an ADMIN only.',
    })
    @ApiNoContentResponse({ description: 'Deleted, file included' })
    @ApiErrors('NOT_UPLOADER', 404)
    async removeAttachment(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
      await this.comments.deleteAttachment(principal, kind, id);
    }
  }
  Object.defineProperty(ParentComments, 'name', { value: `${name}CommentsController` });
  return ParentComments;
}
