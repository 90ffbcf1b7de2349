import { TakesMultipart } from '../../common/http/multipart-routes.js';
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
import { ADD_ATTACHMENTS_BODY, ADD_COMMENT_BODY, AddedResponseDto, AttachmentsAddedDto, CommentResponseDto, UpdateCommentDto } from './dto/comment.dto.js';
import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/**
 * The comment and attachment routes of one record kind, the same for every kind that has them:
 * `POST /api/{path}/{id}/`, `POST /api/{path}/{id}/attachments/`, `PUT|DELETE /api/{path}/comment/{id}/`,
 * `DELETE /api/{path}/attachment/{id}/`.
 * A kind's module mounts them (`controllers: [..., CommentRoutes(CONTACT_KIND)]`); visibility is
 * the kind's own rule. OperationIds follow the name: addContactComment, deleteContactAttachment...
 */
export function CommentRoutes({ kind, path, tag, name }: RecordKindOptions): Type<unknown> {
  const noun = name.toLowerCase();
  const withArticle = `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

  @ApiTags(tag)
  @OrgScoped()
  @Controller(path)
  class KindCommentRoutes {
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
    @TakesMultipart()
    @ApiErrors(404, 413, 'STORAGE_QUOTA_EXCEEDED', 415)
    add(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Req() request: FastifyRequest): Promise<AddedResponseDto> {
      return this.comments.addFromRequest(principal, { kind, id }, request);
    }

    @Post(':id/attachments')
    @HttpCode(HttpStatus.CREATED)
    @ApiOperation({
      operationId: `add${name}Attachments`,
      summary: `Attach files to ${withArticle}`,
      description: `A multipart form whose parts are all files named \`attachment\` (one or more): all are kept, or none. Anyone who can see the ${noun}. The same as attaching through \`POST /api/${path}/{id}/\`, in a shape SDK generators type as files.`,
      requestBody: ADD_ATTACHMENTS_BODY,
    })
    @ApiCreatedResponse({ type: AttachmentsAddedDto, description: 'The attachments' })
    @TakesMultipart()
    @ApiErrors(404, 413, 'STORAGE_QUOTA_EXCEEDED', 415)
    addAttachments(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Req() request: FastifyRequest): Promise<AttachmentsAddedDto> {
      return this.comments.addAttachmentsFromRequest(principal, { kind, id }, request);
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
  Object.defineProperty(KindCommentRoutes, 'name', { value: `${name}CommentsController` });
  return KindCommentRoutes;
}
