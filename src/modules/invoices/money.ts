/**
 * Invoice arithmetic, exact: decimal strings become scaled BigInts, never floats. The one rounding
 * rule: each line's subtotal, discount and tax are rounded half-up to the currency's minor unit
 * (0 places for JPY, 2 for EUR, 3 for BHD); the invoice's totals are sums of rounded line values.
 */

export interface LineInput {
  /** Up to 3 decimals, > 0. */
  quantity: string;
  /** Up to 2 decimals, >= 0. */
  unit_price: string;
  /** Percent, up to 3 decimals, 0-100. */
  tax_rate: string;
  /** Percent, up to 3 decimals, 0-100. */
  discount: string;
}

export interface LineAmounts {
  subtotal: bigint;
  discount: bigint;
  tax: bigint;
  amount: bigint;
}

export interface Totals {
  subtotal: bigint;
  discount_total: bigint;
  tax_total: bigint;
  total: bigint;
}

/**
 * Digits after the decimal point in amounts of this currency. Asked for every amount shown, and a
 * NumberFormat costs ~25 us to build (seven per invoice of a list), so each code's answer is kept:
 * stored currencies were checked against Intl's few hundred (isCurrency), and a malformed code
 * throws before it is kept.
 */
export const minorUnits = (currency: string): number => {
  let places = minorUnitsByCurrency.get(currency);
  if (places === undefined) {
    places = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorUnitsByCurrency.set(currency, places);
  }
  return places;
};
const minorUnitsByCurrency = new Map<string, number>();

/** "12.5" at scale 3 → 12500n. The caller has checked the format. */
export function toScaled(value: string, scale: number): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
}

/** Minor units as a decimal string with the currency's places: 123450n, 2 → "1234.50". */
export function formatMinor(value: bigint, places: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${text}` : text;
}

/** Non-negative `numerator / divisor`, rounded half-up. */
const roundHalfUp = (numerator: bigint, divisor: bigint) => (numerator * 2n + divisor) / (2n * divisor);

/**
 * One line in minor units of a currency with `places` decimals. Quantity (scale 3) x price (scale
 * 2) is exact at scale 5; the discount and tax percentages (scale 3) are applied exactly before
 * rounding each part once.
 */
export function lineAmounts(line: LineInput, places: number): LineAmounts {
  const gross = toScaled(line.quantity, 3) * toScaled(line.unit_price, 2); // scale 5
  const discountRate = toScaled(line.discount, 3); // percent, scale 3
  const taxRate = toScaled(line.tax_rate, 3);
  // gross x rate / 100 at scale 5 + 3 + 2 = 10: the exact discount, then the taxable remainder.
  const discountExact = gross * discountRate; // scale 10
  const taxableExact = gross * 100_000n - discountExact; // scale 10
  const taxExact = taxableExact * taxRate; // scale 15 (percent already divided by 100 in the scale)
  const toMinor = (value: bigint, scale: number) => roundHalfUp(value, 10n ** BigInt(scale - places));
  const subtotal = toMinor(gross, 5);
  const discount = toMinor(discountExact, 10);
  const tax = toMinor(taxExact, 15);
  return { subtotal, discount, tax, amount: subtotal - discount + tax };
}

export function totals(lines: LineAmounts[]): Totals {
  const sum = (pick: (line: LineAmounts) => bigint) => lines.reduce((total, line) => total + pick(line), 0n);
  const subtotal = sum((line) => line.subtotal);
  const discount_total = sum((line) => line.discount);
  const tax_total = sum((line) => line.tax);
  return { subtotal, discount_total, tax_total, total: subtotal - discount_total + tax_total };
}
