import { AppError } from '../../common/errors/app-error.js';
import { readOrganizationId } from './organization-header.js';

const ID = '3f2b8f9e-6d4c-4c1e-9a57-2f0e8d1b7c55';

describe('readOrganizationId', () => {
  it('reads organization-id, or the alias org, normalised to lower case', () => {
    expect(readOrganizationId({ 'organization-id': ID.toUpperCase() })).toBe(ID);
    expect(readOrganizationId({ org: ID })).toBe(ID);
  });

  it('prefers organization-id when both are sent', () => {
    expect(readOrganizationId({ 'organization-id': ID, org: 'something-else' })).toBe(ID);
  });

  it.each([
    [{}, 'ORG_HEADER_REQUIRED'],
    [{ 'organization-id': '' }, 'ORG_HEADER_REQUIRED'],
    [{ 'organization-id': 'acme' }, 'ORG_HEADER_INVALID'],
    [{ org: `${ID}x` }, 'ORG_HEADER_INVALID'],
  ])('rejects %j with 400 %s', (headers, code) => {
    try {
      readOrganizationId(headers);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).getStatus()).toBe(400);
      expect((error as AppError).code).toBe(code);
    }
  });
});
