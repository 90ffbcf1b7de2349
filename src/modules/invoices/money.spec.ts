import { formatMinor, lineAmounts, minorUnits, totals } from './money.js';

const line = (quantity: string, unit_price: string, tax_rate = '0', discount = '0') => ({ quantity, unit_price, tax_rate, discount });
const shown = (places: number, amounts: ReturnType<typeof lineAmounts>) =>
  Object.fromEntries(Object.entries(amounts).map(([key, value]) => [key, formatMinor(value, places)]));

describe('invoice money', () => {
  it('knows each currency’s minor unit', () => {
    expect([minorUnits('USD'), minorUnits('JPY'), minorUnits('BHD')]).toEqual([2, 0, 3]);
  });

  it('adds 0.10 three times to exactly 0.30 (floats give 0.30000000000000004)', () => {
    const lines = [1, 2, 3].map(() => lineAmounts(line('1', '0.10'), 2));
    expect(formatMinor(totals(lines).total, 2)).toBe('0.30');
    expect(shown(2, lineAmounts(line('3', '0.10'), 2))).toEqual({ subtotal: '0.30', discount: '0.00', tax: '0.00', amount: '0.30' });
  });

  it('rounds each part of a line half-up to the minor unit, after exact discount and tax', () => {
    // 9.99 less 12.5% = 8.74125 (discount 1.24875 → 1.25); tax 20% of 8.74125 = 1.74825 → 1.75.
    expect(shown(2, lineAmounts(line('1', '9.99', '20', '12.5'), 2))).toEqual({ subtotal: '9.99', discount: '1.25', tax: '1.75', amount: '10.49' });
    // A third of a unit: 0.333 x 10.00 = 3.33; 8.875% tax = 0.2955375 → 0.30.
    expect(shown(2, lineAmounts(line('0.333', '10.00', '8.875'), 2))).toEqual({ subtotal: '3.33', discount: '0.00', tax: '0.30', amount: '3.63' });
  });

  it('rounds to whole yen and to thousandths of a dinar', () => {
    expect(shown(0, lineAmounts(line('3', '333.33', '10'), 0))).toEqual({ subtotal: '1000', discount: '0', tax: '100', amount: '1100' });
    expect(shown(3, lineAmounts(line('1.5', '0.75', '5'), 3))).toEqual({ subtotal: '1.125', discount: '0.000', tax: '0.056', amount: '1.181' });
  });

  it('sums rounded lines into the invoice totals', () => {
    const lines = [lineAmounts(line('2', '19.99', '7.5'), 2), lineAmounts(line('1', '100.00', '0', '10'), 2)];
    expect(Object.fromEntries(Object.entries(totals(lines)).map(([key, value]) => [key, formatMinor(value, 2)]))).toEqual({
      subtotal: '139.98',
      discount_total: '10.00',
      tax_total: '3.00',
      total: '132.98',
    });
  });
});
