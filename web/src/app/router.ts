import { type MouseEvent, useCallback, useSyncExternalStore } from 'react';

/** A tiny history-API router: the current location is an external store that navigate() updates. */
const NAVIGATE_EVENT = 'jingzhi:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = (): string => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export interface Location {
  pathname: string;
  query: URLSearchParams;
}

/** The current path and query; re-renders on navigate() and on back/forward. */
export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, window.location.origin);
  return { pathname: url.pathname, query: url.searchParams };
}

/** Click handler for plain anchors: client-side navigation unless the user asks for a new tab. */
export function useLinkHandler(to: string): (event: MouseEvent<HTMLAnchorElement>) => void {
  return useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(to);
    },
    [to],
  );
}

/** Where the territory page opens a place. */
export const placeHref = (placeId: number): string => `/territory?place=${placeId}`;
