import { Column } from 'typeorm';

/**
 * A postal address embedded in a record: `address_line`, `street`, `city`... columns, or with a
 * prefix (`billing_address_line`...) for accounts.
 */
export class Address {
  @Column({ type: 'varchar', length: 255, default: '' })
  addressLine: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  street: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  city: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  state: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  postcode: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  country: string;
}

const FIELDS = {
  addressLine: 'address_line',
  street: 'street',
  city: 'city',
  state: 'state',
  postcode: 'postcode',
  country: 'country',
} as const satisfies Record<keyof Address, string>;

type Prefixed<P extends string> = { [K in keyof typeof FIELDS as `${P}${(typeof FIELDS)[K]}`]: string };

/** The address fields of a body (`city`, or `billing_city` with a prefix); absent ones left out, null clears. */
export function toAddress(body: object, prefix = ''): Partial<Address> | undefined {
  const values = body as Record<string, string | null | undefined>;
  const address: Partial<Address> = {};
  for (const [property, field] of Object.entries(FIELDS) as [keyof Address, string][]) {
    const value = values[`${prefix}${field}`];
    if (value !== undefined) address[property] = value ?? '';
  }
  return Object.keys(address).length ? address : undefined;
}

/** The address as response fields, with the same prefix. */
export function fromAddress<P extends string = ''>(address: Address, prefix = '' as P): Prefixed<P> {
  const fields: Record<string, string> = {};
  for (const [property, field] of fieldNames(prefix)) fields[field] = address[property];
  return fields as Prefixed<P>;
}

/** Each address property with its response field under a prefix; worked out once per prefix (pages map hundreds of rows). */
const prefixedFields = new Map<string, [keyof Address, string][]>();

function fieldNames(prefix: string): [keyof Address, string][] {
  let names = prefixedFields.get(prefix);
  if (!names) {
    names = (Object.entries(FIELDS) as [keyof Address, string][]).map(([property, field]) => [property, `${prefix}${field}`]);
    prefixedFields.set(prefix, names);
  }
  return names;
}
