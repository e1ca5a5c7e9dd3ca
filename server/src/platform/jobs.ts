/**
 * A tiny interval job runner (STYLE.md convention 9: timers are scheduled jobs, never work hidden
 * inside a request). Each job runs every `intervalMs`; a run never overlaps the previous one of the
 * same job in this process (other processes are the job's own business: SKIP LOCKED, advisory
 * locks); a run's result is logged unless it is undefined (nothing done); a failure is logged,
 * never thrown; `stop()` clears the timers and waits for running jobs.
 */

export interface Job {
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
}

export interface JobLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobRunner {
  start(): void;
  stop(): Promise<void>;
  /** Runs one job now unless it is already running (tests, CLI); resolves when it has finished. */
  runNow(name: string): Promise<void>;
}

export function createJobRunner(jobs: readonly Job[], logger: JobLogger): JobRunner {
  const running = new Map<string, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const runOnce = (job: Job): Promise<void> => {
    const current = running.get(job.name);
    if (current) return current;
    const started = Date.now();
    const run = (async () => {
      try {
        const result = await job.run();
        // A run that did nothing (returned undefined) is not worth a log line.
        if (result !== undefined)
          logger.info({ job: job.name, ms: Date.now() - started, result }, 'job finished');
      } catch (error) {
        logger.error({ job: job.name, ms: Date.now() - started, err: error }, 'job failed');
      } finally {
        running.delete(job.name);
      }
    })();
    running.set(job.name, run);
    return run;
  };

  return {
    start() {
      if (stopped) throw new Error('a stopped job runner cannot start again');
      for (const job of jobs) {
        const timer = setInterval(() => {
          if (!stopped) void runOnce(job);
        }, job.intervalMs);
        timer.unref();
        timers.push(timer);
      }
    },
    async stop() {
      stopped = true;
      for (const timer of timers.splice(0)) clearInterval(timer);
      await Promise.all(running.values());
    },
    async runNow(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job ${name}`);
      await runOnce(job);
    },
  };
}
