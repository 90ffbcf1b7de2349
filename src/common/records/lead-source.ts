/** Where a lead (and the opportunity it becomes) came from: the reference's choices. */
export enum LeadSource {
  WEBSITE = 'Website Form',
  COLD_CALL = 'Cold Call',
  REFERRAL = 'Referral',
  TRADE_SHOW = 'Trade Show',
  EMAIL_CAMPAIGN = 'Email Campaign',
  SOCIAL_MEDIA = 'Social Media',
  ADVERTISEMENT = 'Advertisement',
  OTHER = 'Other',
  // Django-CRM's choices with no seed value of the same meaning.
  EXISTING_CUSTOMER = 'Existing Customer',
  PARTNER = 'Partner',
  PUBLIC_RELATIONS = 'Public Relations',
  CAMPAIGN = 'Campaign',
}

/**
 * Django-CRM's words for the sources (its stored values), taken on input; a seed value is also
 * taken in any case. The answer always carries this API's value.
 */
export const LEAD_SOURCE_ALIASES: Record<string, LeadSource> = {
  ...Object.fromEntries(Object.values(LeadSource).map((source) => [source, source])),
  call: LeadSource.COLD_CALL,
  email: LeadSource.EMAIL_CAMPAIGN,
  website: LeadSource.WEBSITE,
  compaign: LeadSource.CAMPAIGN,
};
