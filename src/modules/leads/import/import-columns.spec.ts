import { AppError } from '../../../common/errors/app-error.js';
import { mapHeader } from './import-columns.js';

describe('mapHeader', () => {
  it('matches columns ignoring case, with spaces, dashes and underscores alike', () => {
    expect(mapHeader(['First Name', 'LAST_NAME', 'e-mail'.replace('-', ''), 'Opportunity-Amount'])).toEqual([
      'first_name',
      'last_name',
      'email',
      'opportunity_amount',
    ]);
  });

  it('names missing, unknown and repeated columns together', () => {
    try {
      mapHeader(['first_name', 'favourite colour', 'email', 'Email']);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).errors?.leads_file).toEqual([
        'unknown columns: favourite_colour',
        'missing columns: last_name',
        'repeated columns: email',
      ]);
    }
  });
});
