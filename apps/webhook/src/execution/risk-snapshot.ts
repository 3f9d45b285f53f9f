// Builds the risk gate's state snapshot from the ledger, our order rows and the exchange. Positions
// are the open FIFO lots (view open_lots), never a table of their own.
import { type Clock, type Decimal, dec, ZERO } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import type { Balances, ExchangePort, Market, Ticker } from '@hookline/exchange';
import {
  type BuyGuardFlags,
  type ExchangeHealth,
  type HeldPosition,
  type Quote,
  type RiskLimits,
  type RiskState,
  type TradingState,
  utcDayStart,
} from '../rules/index.js';

/** The operator's switches (controls/trading-controls.ts supplies them). Default: all clear. */
export interface RiskControls {
  readonly tradingState: TradingState;
  readonly buyGuard: BuyGuardFlags;
  readonly exchangeHealth: ExchangeHealth;
}

/** Trading ACTIVE, no buy guard, exchange HEALTHY. */
export const openRiskControls: RiskControls = {
  tradingState: 'ACTIVE',
  buyGuard: { env: false, file: false, api: false },
  exchangeHealth: 'HEALTHY',
};

const WORKING_STATUSES = ['NEW', 'SUBMITTED', 'OPEN', 'PARTIALLY_FILLED', 'PENDING_CANCEL'] as const;

/** What the snapshot is built from. */
export interface RiskSnapshotInput {
  readonly prisma: PrismaClient;
  readonly exchange: ExchangePort;
  readonly clock: Clock;
  readonly account: string;
  readonly markets: readonly Market[];
  readonly balances: Balances;
  /** The quote of the symbol being decided, already fetched. */
  readonly ticker: Ticker;
  readonly limits: RiskLimits;
  /** Read once per snapshot (TradingControls reads Redis and the guard file). */
  readonly controls: RiskControls | PromiseLike<RiskControls>;
}

/** The open positions of an account: its open lots summed per symbol. */
export async function openPositions(
  prisma: PrismaClient,
  account: string,
  markets: readonly Market[],
): Promise<HeldPosition[]> {
  const rows = await prisma.$queryRaw<Array<{ symbol: string; amount: string; cost: string }>>`
    SELECT symbol, SUM(remaining_size)::text AS amount, SUM(remaining_cost_basis_usd)::text AS cost
    FROM open_lots WHERE account = ${account} GROUP BY symbol ORDER BY symbol`;
  return rows.map((row) => {
    const amount = dec(row.amount);
    const market = markets.find((candidate) => candidate.symbol === row.symbol);
    return {
      symbol: row.symbol,
      amount,
      costBasis: dec(row.cost),
      dust: market !== undefined && amount.lessThan(market.minAmount),
      hodl: false,
    };
  });
}

/**
 * The snapshot the risk gate reads. Simplification until the daily baseline is stored: the day's
 * starting equity is today's cash plus the cost of the open lots, and the unrealized P&L at the day
 * start is taken as zero (so today's P&L = realized today + unrealized since purchase: conservative).
 */
export async function buildRiskState(input: RiskSnapshotInput): Promise<RiskState> {
  const { prisma, account, clock, limits } = input;
  const controls = await input.controls;
  const now = clock.now();
  const positions = await openPositions(prisma, account, input.markets);
  const quotes: Record<string, Quote | undefined> = { [input.ticker.symbol]: input.ticker };
  for (const position of positions) {
    if (quotes[position.symbol] !== undefined) continue;
    quotes[position.symbol] = await input.exchange.fetchTicker(position.symbol).catch(() => undefined);
  }
  const quoteCurrency = input.markets.find((market) => market.symbol === input.ticker.symbol)?.quote ?? 'USD';
  const cash = input.balances[quoteCurrency]?.total ?? ZERO;
  const working = await prisma.tradeRecord.findMany({
    where: { account, status: { in: [...WORKING_STATUSES] } },
  });
  const since = new Date(now.getTime() - limits.orderRateWindowMs);
  const recent = await prisma.tradeRecord.findMany({
    where: { account, orderTime: { gte: since }, trigger: { in: ['ALERT', 'SIGNAL', 'EXIT'] } },
    select: { orderTime: true },
  });
  const exits = await prisma.tradeRecord.findMany({
    where: { account, side: 'SELL', pnlUsd: { not: null } },
    orderBy: { updatedAt: 'desc' },
    take: Math.max(limits.lossStreakLength, 20),
  });
  const dayStart = utcDayStart(now);
  const realized = await prisma.fifoAllocation.aggregate({
    where: { account, sellTime: { gte: dayStart } },
    _sum: { pnlUsd: true },
  });
  const costOfLots = positions.reduce<Decimal>((total, position) => total.plus(position.costBasis), ZERO);
  return {
    now,
    ...controls,
    quotes,
    cash,
    positions,
    openOrders: working.map((row) => ({
      symbol: row.symbol,
      side: row.side === 'BUY' ? 'buy' : 'sell',
      remainingAmount: dec(row.size.minus(row.filledSize).toString()),
      price: row.price === null ? undefined : dec(row.price.toString()),
    })),
    recentExits: exits.map((row) => ({
      symbol: row.symbol,
      exitedAt: row.updatedAt,
      pnl: dec(row.pnlUsd?.toString() ?? '0'),
    })),
    recentOrderTimes: recent.map((row) => row.orderTime),
    daily: {
      dayStart,
      startingEquity: cash.plus(costOfLots),
      realizedPnl: dec(realized._sum.pnlUsd?.toString() ?? '0'),
      unrealizedPnlAtStart: ZERO,
    },
  };
}
