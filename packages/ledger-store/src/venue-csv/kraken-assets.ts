// Kraken's asset and pair names in Hookline's: XXBT→BTC, XETH→ETH, ZUSD→USD, XXBTZUSD→BTC/USD.

const LEGACY_ASSETS: Record<string, string> = {
  XXBT: 'BTC',
  XBT: 'BTC',
  XETH: 'ETH',
  XETC: 'ETC',
  XLTC: 'LTC',
  XXRP: 'XRP',
  XXLM: 'XLM',
  XXMR: 'XMR',
  XZEC: 'ZEC',
  XREP: 'REP',
  XMLN: 'MLN',
  XXDG: 'DOGE',
  XDG: 'DOGE',
  ZUSD: 'USD',
  ZEUR: 'EUR',
  ZGBP: 'GBP',
  ZCAD: 'CAD',
  ZJPY: 'JPY',
  ZAUD: 'AUD',
  ZCHF: 'CHF',
};

/** Quote currencies a pair may end with, longest first so USDT wins over USD. */
const QUOTES = [
  'ZUSD',
  'ZEUR',
  'ZGBP',
  'ZCAD',
  'ZJPY',
  'ZAUD',
  'ZCHF',
  'USDT',
  'USDC',
  'XXBT',
  'XETH',
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'JPY',
  'AUD',
  'CHF',
  'XBT',
  'ETH',
  'DAI',
  'DOT',
];

/** Hookline's name for a Kraken asset (staking suffixes such as `ETH2.S` or `DOT.S` are kept). */
export function krakenAsset(asset: string): string {
  const name = asset.trim().toUpperCase();
  return LEGACY_ASSETS[name] ?? name;
}

/** `XXBTZUSD`, `XBTUSDT`, `ETHXBT`, `XBT/USD` → `BASE/QUOTE`; throws when no known quote ends it. */
export function krakenPair(pair: string): string {
  const name = pair.trim().toUpperCase();
  if (name.includes('/')) {
    const [base = '', quote = ''] = name.split('/');
    return `${krakenAsset(base)}/${krakenAsset(quote)}`;
  }
  for (const quote of QUOTES) {
    if (name.length > quote.length && name.endsWith(quote)) {
      return `${krakenAsset(name.slice(0, -quote.length))}/${krakenAsset(quote)}`;
    }
  }
  throw new Error(`pair: "${pair}" does not end with a quote currency Hookline knows`);
}

/** The value in USD of one KFEE (Kraken fee credit): Kraken defines 1 KFEE as 0.01 USD. */
export const KFEE_USD = '0.01';
