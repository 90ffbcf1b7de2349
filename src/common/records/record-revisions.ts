import { AsyncLocalStorage } from 'node:async_hooks';
import { HttpStatus } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';
import { etagOf, ifMatchHolds, type TagCondition } from './entity-tags.js';

/** 412: the record's current ETag travels with the error, for the answer's ETag header. */
export class PreconditionFailedError extends AppError {
  constructor(readonly currentRevision: number | null) {
    super(HttpStatus.PRECONDITION_FAILED, 'PRECONDITION_FAILED', 'The record has changed since the ETag in If-Match was read: read it again, then retry');
  }
}

/**
 * The one record a detail, create, update or delete request is about (its kind, and its id once
 * known), what its If-Match asks, and the revision the request last read or wrote.
 */
export interface RevisionSubject {
  kind: string;
  id?: string;
  /** A create: the first record of the kind inserted becomes the subject. */
  creating: boolean;
  ifMatch?: TagCondition;
  checked: boolean;
  /** The revision the If-Match was checked against, then the one the request's own last write made: what its next write must find. */
  base?: number;
  /** The latest revision read or written, for the ETag of the answer. */
  revision?: number;
}

const subjects = new AsyncLocalStorage<RevisionSubject>();

/**
 * Carries a request's conditional-request state from the HTTP layer (ConditionalRequests) to the
 * RecordStore, where the record is read and written: the store reports what it read and wrote,
 * checks If-Match against the first read, and makes its write conditional on the revision it read,
 * so of two writes with the same If-Match exactly one succeeds.
 */
export const RecordRevisions = {
  /** Runs a request's work about `subject`, which the store updates as it reads and writes. */
  run<R>(subject: RevisionSubject, work: () => R): R {
    return subjects.run(subject, work);
  },

  /** The store read the subject at `revision`: the first read is where If-Match is checked. */
  read(kind: string, id: string, revision: number): void {
    const subject = mine(kind, id);
    if (!subject) return;
    if (subject.ifMatch && !subject.checked) {
      subject.checked = true;
      if (!ifMatchHolds(subject.ifMatch, etagOf(revision))) throw new PreconditionFailedError(revision);
      subject.base = revision;
    }
    subject.revision = revision;
  },

  /** The store inserted a record: a create's subject is the first of its kind. */
  created(kind: string, id: string): void {
    const subject = subjects.getStore();
    if (!subject || subject.kind !== kind || !subject.creating || subject.id) return;
    subject.id = id;
    subject.revision = 1;
  },

  /** The revision a write of the subject must still find, when the request asked for one. */
  expected(kind: string, id: string): number | undefined {
    const subject = mine(kind, id);
    if (!subject?.ifMatch || subject.ifMatch === '*') return undefined;
    // Not `revision`: a later read may already see another request's commit.
    if (subject.base !== undefined) return subject.base;
    // Written before any read: the tag itself names the revision (a quoted integer, or none that exists).
    const named = subject.ifMatch.strong.map((tag) => Number(tag.slice(1, -1))).find(Number.isSafeInteger);
    return named ?? -1;
  },

  wrote(kind: string, id: string, revision: number): void {
    const subject = mine(kind, id);
    if (!subject) return;
    subject.revision = revision;
    subject.base = revision;
  },
};

function mine(kind: string, id: string): RevisionSubject | undefined {
  const subject = subjects.getStore();
  return subject && subject.kind === kind && subject.id === id ? subject : undefined;
}
