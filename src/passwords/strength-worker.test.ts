import { describe, expect, it, vi } from 'vitest';
import { createPasswordChecker } from './policy.js';

describe('the password-strength worker', () => {
  it('starts with the first check, stops after the idle time, and starts again for the next check', async () => {
    const checker = createPasswordChecker({ productWords: ['portier'], idleMs: 300 });
    try {
      expect(checker.running).toBe(false);
      const first = await checker.assess('Velvet-Harbour-Lantern-71', { email: 'jo@hotel.example' });
      expect(first.ok).toBe(true);
      expect(checker.running).toBe(true);
      // Checks in a row keep it: the idle time counts from the last one.
      await new Promise((resolve) => setTimeout(resolve, 150));
      await checker.assess('password123456', {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(checker.running).toBe(true);
      await vi.waitFor(() => expect(checker.running).toBe(false), { timeout: 5_000, interval: 50 });
      // Stopped, it still answers (the next check starts it again), with the same verdicts.
      const again = await checker.assess('Velvet-Harbour-Lantern-71', { email: 'jo@hotel.example' });
      expect(again).toEqual(first);
      expect((await checker.assess('password123456', {})).ok).toBe(false);
      expect(checker.running).toBe(true);
    } finally {
      await checker.close();
    }
    expect(checker.running).toBe(false);
  }, 30_000);

  it('never stops while checks are pending, even with an idle time shorter than a check', async () => {
    const checker = createPasswordChecker({ productWords: ['portier'], idleMs: 1 });
    try {
      // The first ones wait for the worker's start-up (about a second): far longer than idleMs.
      const passwords = ['Velvet-Harbour-Lantern-71', 'password123456', 'Quiet-Meadow-Copper-38', 'azerty'];
      const results = await Promise.all(passwords.map((p) => checker.assess(p, {})));
      expect(results.map((r) => r.ok)).toEqual([true, false, true, false]);
      await vi.waitFor(() => expect(checker.running).toBe(false), { timeout: 5_000, interval: 20 });
    } finally {
      await checker.close();
    }
  }, 30_000);

  it('close() fails the checks still pending instead of leaving them waiting', async () => {
    const checker = createPasswordChecker({ productWords: ['portier'] });
    const pending = expect(checker.assess('Velvet-Harbour-Lantern-71', {})).rejects.toThrow(
      'password checker closed',
    );
    await checker.close();
    await pending;
    expect(checker.running).toBe(false);
  }, 30_000);
});
