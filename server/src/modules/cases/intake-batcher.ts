import type { Db } from './case.table.ts';
import {
  type IntakeOptions,
  type IntakeOutcome,
  type ReportCaseOptions,
  type ReportCaseResult,
  reportCases,
} from './report-case.service.ts';

/**
 * Group commit for intake (随手拍 at rush hour): concurrent reports wait while one batch is
 * committing, then go together in the next one — one statement and one commit for the lot
 * (`reportCases`). With no load a report goes alone at once (no timer, no added latency). Nobody is
 * answered before the statement holding their case has committed.
 *
 * If a batch fails as a whole (a database error), each of its reports is retried alone, so one bad
 * report cannot sink the others; each caller gets its own outcome.
 */

export interface IntakeBatcherOptions {
  /** The most reports in one batch. */
  maxBatch?: number;
  /**
   * Batches in flight at once: while one commits, the next is already writing (PostgreSQL); PGlite
   * has one connection, so 1.
   */
  concurrency?: number;
  /** Where each batch takes its categories and ids from (default: the database, each time). */
  intake?: IntakeOptions;
}

interface Waiting {
  options: ReportCaseOptions;
  resolve: (result: ReportCaseResult) => void;
  reject: (error: unknown) => void;
}

export class IntakeBatcher {
  readonly #db: Db;
  readonly #maxBatch: number;
  readonly #concurrency: number;
  readonly #intake: IntakeOptions;
  #queue: Waiting[] = [];
  #running = 0;
  /** Batches committed and reports in them, for tests and logs. */
  readonly stats = { batches: 0, reports: 0, largestBatch: 0 };

  constructor(db: Db, options: IntakeBatcherOptions = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 200;
    this.#concurrency = options.concurrency ?? 1;
    this.#intake = options.intake ?? {};
  }

  /** Reports one case; resolves once the statement holding it has committed. */
  submit(options: ReportCaseOptions): Promise<ReportCaseResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ options, resolve, reject });
      if (this.#running < this.#concurrency) {
        this.#running += 1;
        // Let the reports that arrive in the same turn of the event loop join the batch.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        await this.#run(batch);
      }
    } finally {
      this.#running -= 1;
    }
  }

  async #run(batch: Waiting[]): Promise<void> {
    let outcomes: IntakeOutcome[];
    try {
      outcomes = await reportCases(
        this.#db,
        batch.map((waiting) => waiting.options),
        this.#intake,
      );
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Waiting).reject(error);
        return;
      }
      // Alone, each report either lands or fails with its own error.
      for (const waiting of batch) await this.#run([waiting]);
      return;
    }
    this.stats.batches += 1;
    this.stats.reports += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    outcomes.forEach((outcome, i) => {
      const waiting = batch[i] as Waiting;
      if (outcome.ok) waiting.resolve(outcome.result);
      else waiting.reject(outcome.error);
    });
  }
}
