import { bundleBenchmark } from './bundle.bench.ts';
import { intakeBenchmark } from './intake.bench.ts';
import { lookupBenchmark } from './lookup.bench.ts';
import { measuresBenchmark } from './measures.bench.ts';

export interface Figure {
  metric: string;
  value: number;
  baseline: number;
  ratio: number;
}

export interface Benchmark {
  name: string;
  run(log: (message: string) => void): Promise<Figure[]>;
}

export const benchmarks: Benchmark[] = [lookupBenchmark, bundleBenchmark, intakeBenchmark, measuresBenchmark];
