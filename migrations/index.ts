import { Foundation1795400000000 } from './1795400000000-Foundation.js';
import { Directory1795488684285 } from './1795488684285-Directory.js';
import { Accounts1795489590942 } from './1795489590942-Accounts.js';
import { Cases1795489948015 } from './1795489948015-Cases.js';
import { Leads1795490346508 } from './1795490346508-Leads.js';
import { CompaniesAndApiKeys1795490659728 } from './1795490659728-CompaniesAndApiKeys.js';
import { AccountMail1795491370364 } from './1795491370364-AccountMail.js';
import { MailboxProofAndOutbox1795613940308 } from './1795613940308-MailboxProofAndOutbox.js';
import { LeadImports1795615269400 } from './1795615269400-LeadImports.js';
import { CommentsOnAnyKind1795618782766 } from './1795618782766-CommentsOnAnyKind.js';
import { OpportunitiesAndTasks1795620803076 } from './1795620803076-OpportunitiesAndTasks.js';
import { LeadConversionRecords1795621577842 } from './1795621577842-LeadConversionRecords.js';
import { EventsAndCalendarFeeds1795622902171 } from './1795622902171-EventsAndCalendarFeeds.js';
import { DocumentsWithVersions1795624034381 } from './1795624034381-DocumentsWithVersions.js';
import { Invoices1795624737428 } from './1795624737428-Invoices.js';
import { InvoiceMail1795625913832 } from './1795625913832-InvoiceMail.js';
import { TenantKeysLeadWithOrg1795627488288 } from './1795627488288-TenantKeysLeadWithOrg.js';
import { OpenLeadsInDateOrder1795628025677 } from './1795628025677-OpenLeadsInDateOrder.js';
import { ContactsInNameOrder1795644870633 } from './1795644870633-ContactsInNameOrder.js';
import { KeptRecordTotals1795647338612 } from './1795647338612-KeptRecordTotals.js';
import { OneOffMessagesOnce1796169832274 } from './1796169832274-OneOffMessagesOnce.js';
import { OrganizationStorage1796170000000 } from './1796170000000-OrganizationStorage.js';
import { UnknownDeliveries1796171000000 } from './1796171000000-UnknownDeliveries.js';
import { ImportSpoolPath1796172269099 } from './1796172269099-ImportSpoolPath.js';
import { ImportRowsTotal1796188129475 } from './1796188129475-ImportRowsTotal.js';
import { RecordRevisions1796189605633 } from './1796189605633-RecordRevisions.js';
import { RequireIfMatch1796191213129 } from './1796191213129-RequireIfMatch.js';
import { RefreshSuccessor1796192368681 } from './1796192368681-RefreshSuccessor.js';
import { RecordHistory1796200000000 } from './1796200000000-RecordHistory.js';
import { ApiKeys1796233856750 } from './1796233856750-ApiKeys.js';
import { IdempotencyKeys1796234419174 } from './1796234419174-IdempotencyKeys.js';
import { ChangeFeed1796300000000 } from './1796300000000-ChangeFeed.js';
import { SortIndexes1796320000000 } from './1796320000000-SortIndexes.js';
import { DjangoCrmFields1796330000000 } from './1796330000000-DjangoCrmFields.js';
import { PipelineTotals1796340000000 } from './1796340000000-PipelineTotals.js';
import { BulkWriteHistory1796350000000 } from './1796350000000-BulkWriteHistory.js';
import { KeptDashboardTotals1796360000000 } from './1796360000000-KeptDashboardTotals.js';
import { FasterHistoryWrites1796370000000 } from './1796370000000-FasterHistoryWrites.js';
import { IndexedReferences1796380000000 } from './1796380000000-IndexedReferences.js';
import { HistoryPerStatement1796390000000 } from './1796390000000-HistoryPerStatement.js';
import { LinkHistoryPerStatement1796400000000 } from './1796400000000-LinkHistoryPerStatement.js';
import { SentInvoicePdfs1796410000000 } from './1796410000000-SentInvoicePdfs.js';
import { NarrowChangeFeed1796420000000 } from './1796420000000-NarrowChangeFeed.js';
import { HistoryEntriesByTransaction1796430000000 } from './1796430000000-HistoryEntriesByTransaction.js';
import { Webhooks1796310000000 } from './1796310000000-Webhooks.js';
import { CommentRevisions1796235395780 } from './1796235395780-CommentRevisions.js';

/**
 * Every migration, oldest first. Listed rather than globbed so the app, the CLI and the tests
 * (which run TypeScript directly) load exactly the same set. Add each new migration here.
 */
export const migrations = [
  Foundation1795400000000,
  Directory1795488684285,
  Accounts1795489590942,
  Cases1795489948015,
  Leads1795490346508,
  CompaniesAndApiKeys1795490659728,
  AccountMail1795491370364,
  MailboxProofAndOutbox1795613940308,
  LeadImports1795615269400,
  CommentsOnAnyKind1795618782766,
  OpportunitiesAndTasks1795620803076,
  LeadConversionRecords1795621577842,
  EventsAndCalendarFeeds1795622902171,
  DocumentsWithVersions1795624034381,
  Invoices1795624737428,
  InvoiceMail1795625913832,
  TenantKeysLeadWithOrg1795627488288,
  OpenLeadsInDateOrder1795628025677,
  ContactsInNameOrder1795644870633,
  KeptRecordTotals1795647338612,
  OneOffMessagesOnce1796169832274,
  OrganizationStorage1796170000000,
  UnknownDeliveries1796171000000,
  ImportSpoolPath1796172269099,
  ImportRowsTotal1796188129475,
  RecordRevisions1796189605633,
  RequireIfMatch1796191213129,
  RefreshSuccessor1796192368681,
  RecordHistory1796200000000,
  ApiKeys1796233856750,
  IdempotencyKeys1796234419174,
  CommentRevisions1796235395780,
  ChangeFeed1796300000000,
  Webhooks1796310000000,
  SortIndexes1796320000000,
  DjangoCrmFields1796330000000,
  PipelineTotals1796340000000,
  BulkWriteHistory1796350000000,
  KeptDashboardTotals1796360000000,
  FasterHistoryWrites1796370000000,
  IndexedReferences1796380000000,
  HistoryPerStatement1796390000000,
  LinkHistoryPerStatement1796400000000,
  SentInvoicePdfs1796410000000,
  NarrowChangeFeed1796420000000,
  HistoryEntriesByTransaction1796430000000,
];
