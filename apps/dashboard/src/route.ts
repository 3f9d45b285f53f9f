// Hash routes: `#/`, `#/position/BTC-USD`, `#/orders`, ...
import { useEffect, useState } from 'preact/hooks';

export type Route = { page: PageName } | { page: 'position'; slug: string };
export type PageName = 'overview' | 'orders' | 'decisions' | 'matrix' | 'charts' | 'tax' | 'controls';

export const pages: readonly { name: PageName; label: string; hash: string }[] = [
  { name: 'overview', label: 'Overview', hash: '#/' },
  { name: 'orders', label: 'Orders', hash: '#/orders' },
  { name: 'decisions', label: 'Decisions', hash: '#/decisions' },
  { name: 'matrix', label: 'Matrix', hash: '#/matrix' },
  { name: 'charts', label: 'Charts', hash: '#/charts' },
  { name: 'tax', label: 'Tax', hash: '#/tax' },
  { name: 'controls', label: 'Controls', hash: '#/controls' },
];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  const position = /^\/position\/([^/]+)$/.exec(path);
  if (position?.[1] !== undefined) return { page: 'position', slug: decodeURIComponent(position[1]) };
  const found = pages.find((page) => page.hash === `#${path}`);
  return { page: found?.name ?? 'overview' };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** The query part of the hash route: `#/charts?symbol=BTC-USD`. */
export function routeQuery(): URLSearchParams {
  const at = location.hash.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : location.hash.slice(at + 1));
}
