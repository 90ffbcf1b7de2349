import { nestsDeeperThan } from './json-depth.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, allowing exactly the limit', () => {
    expect(nestsDeeperThan(nested(32), 32)).toBe(false);
    expect(nestsDeeperThan(nested(33), 32)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[{"c":1}]}}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[{"c":1}]}}', 4)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ text: '[[[[[[ \\" [[[[ {{{{' }), 1)).toBe(false);
    expect(nestsDeeperThan(Buffer.from(JSON.stringify({ name: 'Zoë [[[[' })), 1)).toBe(false);
  });

  it('rejects a hostile body of 400,000 levels without recursing', () => {
    expect(nestsDeeperThan(Buffer.from(nested(400_000)), 32)).toBe(true);
  });
});
