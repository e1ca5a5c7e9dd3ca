import { describe, expect, it } from 'vitest';
import { createJobRunner } from './jobs.ts';

describe('job runner', () => {
  it('never overlaps a job with itself, logs results and failures instead of throwing, and waits on stop', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release: () => void = () => {};
    const logged: string[] = [];
    const runner = createJobRunner(
      [
        {
          name: 'slow',
          intervalMs: 1,
          run: async () => {
            active++;
            runs++;
            maxActive = Math.max(maxActive, active);
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            active--;
            return { done: 1 };
          },
        },
        { name: 'idle', intervalMs: 60_000, run: async () => undefined },
        {
          name: 'failing',
          intervalMs: 60_000,
          run: async () => {
            throw new Error('boom');
          },
        },
      ],
      { info: (_d, m) => logged.push(m), error: (_d, m) => logged.push(m) },
    );
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(1);
    expect(maxActive).toBe(1);
    await expect(runner.runNow('failing')).resolves.toBeUndefined();
    expect(logged).toContain('job failed');
    await runner.runNow('idle'); // nothing done: nothing logged
    expect(logged).toEqual(['job failed']);
    const stopped = runner.stop();
    release();
    await stopped;
    expect(active).toBe(0);
    expect(logged).toEqual(['job failed', 'job finished']);
  });
});
