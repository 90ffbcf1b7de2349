import { isPlainAddress } from './email-address.js';

describe('isPlainAddress', () => {
  it.each(['a@ex.com', 'first.last+tag@sub.example.co.uk', "o'brien@example.ie"])('accepts %s', (address) => {
    expect(isPlainAddress(address)).toBe(true);
  });

  it.each(['x<b@evil.example>', 'a@ex.com,evil', 'a@[127.0.0.1]', 'a@localhost', 'a b@ex.com', '"q"@ex.com', 'a..b@ex.com', 'a@-ex.com'])(
    'refuses %s',
    (address) => {
      expect(isPlainAddress(address)).toBe(false);
    },
  );
});
