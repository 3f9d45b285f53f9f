// The money in /metrics, read at scrape time like the other gauges: open positions, their exposure
// and unrealised P&L at the bid (the quote cache), realised P&L since the ledger began, and equity
// (cash in the store's USD currencies on the exchange + exposure). A position without a usable
// quote counts as open but adds nothing to exposure or unrealised P&L (hookline_positions_unpriced
// says how many); equity is NaN when the balances cannot be read.
import { type Decimal, ZERO } from '@hookline/core';
import type { ExchangePort, QuoteSource } from '@hookline/exchange';
import { readOpenPositionsForMoney, readRealizedPnlTotal, type Store } from '@hookline/store';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { NotifyStatus } from '../notify/notify-status.js';

interface AccountMoney {
  positions: number;
  unpriced: number;
  exposure: Decimal;
  unrealized: Decimal;
}

async function readMoney(store: Store, quotes: Pick<QuoteSource, 'readQuotes'>) {
  const positions = (await readOpenPositionsForMoney(store)).filter((position) => !position.dust);
  const read = positions.length === 0 ? new Map() : await quotes.readQuotes(positions.map((p) => p.symbol));
  const accounts = new Map<string, AccountMoney>();
  for (const position of positions) {
    const money = accounts.get(position.account) ?? {
      positions: 0,
      unpriced: 0,
      exposure: ZERO,
      unrealized: ZERO,
    };
    money.positions += 1;
    const quote = read.get(position.symbol);
    if (quote === undefined || typeof quote === 'string' || !quote.bid.greaterThan(0)) money.unpriced += 1;
    else {
      const value = position.amount.times(quote.bid);
      money.exposure = money.exposure.plus(value);
      money.unrealized = money.unrealized.plus(value.minus(position.costBasis));
    }
    accounts.set(position.account, money);
  }
  return accounts;
}

/** Registers the money gauges (one read of positions and quotes per scrape, shared by the gauges). */
export function registerMoneyMetrics(
  registry: Registry,
  sources: {
    readonly store: Store;
    readonly exchange: ExchangePort;
    readonly quotes: Pick<QuoteSource, 'readQuotes'>;
    /** The account whose exchange balances are its equity's cash. */
    readonly account: string;
  },
): void {
  const { store } = sources;
  // The gauges of one scrape share one read: the first collect starts it, the others await it.
  let current: { at: number; money: Promise<Map<string, AccountMoney>> } | undefined;
  const money = () => {
    const now = Date.now();
    if (current === undefined || now - current.at > 1_000)
      current = { at: now, money: readMoney(store, sources.quotes) };
    return current.money;
  };
  const perAccount = (name: string, help: string, value: (money: AccountMoney) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['account'],
      registers: [registry],
      async collect() {
        const accounts = await money();
        this.reset();
        for (const [account, held] of accounts) this.set({ account }, value(held));
        if (!accounts.has(sources.account)) this.set({ account: sources.account }, 0);
      },
    });
  perAccount('hookline_open_positions', 'Open positions (not dust), per account.', (held) => held.positions);
  perAccount(
    'hookline_positions_unpriced',
    'Open positions without a usable quote (left out of exposure and unrealised P&L).',
    (held) => held.unpriced,
  );
  perAccount('hookline_exposure_usd', 'Value of the open positions at the bid (USD).', (held) =>
    held.exposure.toNumber(),
  );
  perAccount(
    'hookline_unrealized_pnl_usd',
    'Unrealised P&L of the open positions at the bid, after buy fees (USD).',
    (held) => held.unrealized.toNumber(),
  );
  new Gauge({
    name: 'hookline_realized_pnl_usd',
    help: 'Realised P&L since the ledger began (FIFO, after fees; USD), per account.',
    labelNames: ['account'],
    registers: [registry],
    async collect() {
      const totals = await readRealizedPnlTotal(store);
      this.reset();
      this.set({ account: sources.account }, 0);
      for (const total of totals) this.set({ account: total.account }, total.pnl.toNumber());
    },
  });
  new Gauge({
    name: 'hookline_equity_usd',
    help: "Equity of the configured account: the exchange's USD cash (total) + exposure at the bid; NaN when balances cannot be read.",
    labelNames: ['account'],
    registers: [registry],
    async collect() {
      const [accounts, balances] = await Promise.all([
        money(),
        sources.exchange.fetchBalances().catch(() => undefined),
      ]);
      if (balances === undefined) {
        this.set({ account: sources.account }, Number.NaN);
        return;
      }
      let cash = ZERO;
      for (const currency of store.usdCurrencies) cash = cash.plus(balances[currency]?.total ?? ZERO);
      const exposure = accounts.get(sources.account)?.exposure ?? ZERO;
      this.set({ account: sources.account }, cash.plus(exposure).toNumber());
    },
  });
}

/** hookline_notifications_{sent,failed}_total per channel (this process's deliveries). */
export function registerNotifyMetrics(registry: Registry, status: NotifyStatus): void {
  for (const [kind, help] of [
    ['sent', 'Notifications delivered, per channel (this process).'],
    ['failed', 'Notifications given up on after every retry, per channel (this process).'],
  ] as const) {
    new Counter({
      name: `hookline_notifications_${kind}_total`,
      help,
      labelNames: ['channel'],
      registers: [registry],
      collect() {
        this.reset();
        for (const channel of status.all()) this.inc({ channel: channel.channel }, channel[kind]);
      },
    });
  }
}
