import { MemoryWindowStore } from './memory-window-store.js';

describe('MemoryWindowStore', () => {
  it('counts per key within a window and says when it resets', async () => {
    const store = new MemoryWindowStore();
    expect(await store.add('a', 60_000, 1, 0)).toEqual({ count: 1, resetInMs: 60_000 });
    expect(await store.add('a', 60_000, 2, 15_000)).toEqual({ count: 3, resetInMs: 45_000 });
    expect(await store.add('b', 60_000, 1, 15_000)).toEqual({ count: 1, resetInMs: 60_000 });
  });

  it('opens a new window once the old one has passed, and can give back what was counted', async () => {
    const store = new MemoryWindowStore();
    await store.add('a', 1000, 5, 0);
    await store.remove('a', 2);
    expect((await store.add('a', 1000, 1, 999)).count).toBe(4);
    expect((await store.add('a', 1000, 1, 1000)).count).toBe(1);
  });
});
