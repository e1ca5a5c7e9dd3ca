export {};

declare global {
  interface Window {
    /** Set by the territory map once its unit layer is drawn (for browser tests). */
    __jingzhiMap?: { unitCount: number; ready: boolean };
  }
}
