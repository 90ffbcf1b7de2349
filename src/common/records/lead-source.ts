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
}
