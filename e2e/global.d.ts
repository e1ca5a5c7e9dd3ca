export {};

declare global {
  interface Window {
    /** Set by the territory map once its unit layer is drawn (for browser tests). */
    __jingzhiMap?: { unitCount: number; ready: boolean };
    /** Set by the city map of cases once its points are drawn: where a case's point is on the page. */
    __jingzhiCaseMap?: {
      ready: boolean;
      pointCount: number;
      pointAt: (id: number) => [number, number] | null;
    };
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory holding the seeded demo (e2e/support/global-setup.ts). */
    demoDataDir: string;
  }
}
