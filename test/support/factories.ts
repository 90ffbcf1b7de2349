import { randomUUID } from 'node:crypto';
import type { Caller } from './api.js';
import type { TestApp } from './test-app.js';

type Body = Record<string, unknown>;
const short = () => randomUUID().slice(0, 8);

/** Records with unique values, made through the API as `caller`; each answers the created body. */
async function make(t: TestApp, path: string, body: Body, caller: Caller): Promise<Body & { id: string }> {
  const res = await t.api.post(path, body, caller);
  if (res.status !== 201) throw new Error(`POST ${path} failed (${res.status}): ${JSON.stringify(res.body)}`);
  return res.body;
}

export const makeAccount = (t: TestApp, caller: Caller, extra: Body = {}) => make(t, '/api/accounts/', { name: `Account ${short()}`, ...extra }, caller);

export const makeLead = (t: TestApp, caller: Caller, extra: Body = {}) =>
  make(t, '/api/leads/', { first_name: 'Lee', last_name: `Lead ${short()}`, ...extra }, caller);

export const makeCase = (t: TestApp, caller: Caller, extra: Body = {}) => make(t, '/api/cases/', { name: `Case ${short()}`, ...extra }, caller);

export const makeOpportunity = (t: TestApp, caller: Caller, extra: Body = {}) =>
  make(t, '/api/opportunities/', { name: `Deal ${short()}`, stage: 'QUALIFICATION', ...extra }, caller);

export const makeTask = (t: TestApp, caller: Caller, extra: Body = {}) => make(t, '/api/tasks/', { title: `Task ${short()}`, ...extra }, caller);

export const makeEvent = (t: TestApp, caller: Caller, extra: Body = {}) =>
  make(t, '/api/events/', { name: `Meeting ${short()}`, start_date: '2027-01-15', start_time: '09:00', end_time: '10:00', ...extra }, caller);

export const makeInvoice = (t: TestApp, caller: Caller, extra: Body = {}) =>
  make(t, '/api/invoices/', { invoice_title: `Invoice ${short()}`, lines: [{ description: 'Work', quantity: '1', unit_price: '10.00' }], ...extra }, caller);

export const makeContact = (t: TestApp, caller: Caller, extra: Body = {}) =>
  make(t, '/api/contacts/', { first_name: 'Pat', last_name: `Contact ${short()}`, primary_email: `pat-${short()}@acme.example`, ...extra }, caller);

export const makeTeam = (t: TestApp, caller: Caller, extra: Body = {}) => make(t, '/api/teams/', { name: `Team ${short()}`, ...extra }, caller);

export const makeCompany = (t: TestApp, caller: Caller, extra: Body = {}) => make(t, '/api/leads/companies/', { name: `Company ${short()}`, ...extra }, caller);

export const makeApiSetting = (t: TestApp, caller: Caller, extra: Body = {}) => make(t, '/api/api-settings/', { title: `Form ${short()}`, ...extra }, caller);

/** A member's Django-CRM profile fields before anyone sets them. */
export const NO_PROFILE_DETAILS = {
  phone: '',
  alternate_phone: '',
  address_line: '',
  street: '',
  city: '',
  state: '',
  postcode: '',
  country: '',
  has_sales_access: false,
  has_marketing_access: false,
};
