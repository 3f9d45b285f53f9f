/** The CLI's help text: the stable commands of docs/architecture.md ("Stable interfaces") that exist so far. */
export const USAGE = `Usage: pnpm hookline <command>

Commands:
  start [both|webhook|sighook]   run the services (default both: one process, paper mode unless MODE=live)
  db migrate                     apply pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR
  db migration create <name>     write a new migration from the change to prisma/schema.prisma (offline)
  db drift                       check that the migrations build exactly what prisma/schema.prisma describes
  ledger import <file> [--account A] [--exchange E]
                                 import fills from a CSV (time,account,symbol,side,quantity,price,fee,fee_currency,trade_id,order_id)
  ledger recompute [--account A] [--symbol S]
                                 rebuild FIFO allocations from the fills
  ledger verify [--account A]    check every ledger invariant; exit 1 with a list on any violation
  tax report --year YYYY [--format json|csv|8949] [--timezone TZ] [--account A] [--output FILE]
                                 the year's disposals: JSON totals, allocation CSV, or Form 8949 CSV
  bench [--json] [--only NAME] [--quick]
                                 benchmarks: ledger.engine, ledger.import_postgres, exchange.paper, exchange.coinbase_user_stream,
                                 webhook.ingest, webhook.alert_to_order, sighook.matrix, sentinel.sweep
  signals [--symbols A,B] [--candles FILE.csv] [--all] [--json]
                                 the signal matrix now (from REDIS_URL, else the database; stale or missing rows
                                 are named on stderr), or computed offline from a candle file
                                 (time,open,high,low,close,volume; symbol = first of --symbols, else the file name
                                 upper-cased; the last candle's row, every row with --all; settings from HOOKLINE_MATRIX_*)
  replay --ticks FILE.csv [--entries FILE.csv] [--json]
                                 run the real exit rules and executor on the paper exchange over a tick file
                                 (time,symbol,bid,ask), entering at the entries (time,symbol,quantity); prints
                                 every order, fill and exit with its reason (exit settings from the environment)
  config example                 print .env.example (every key, its default and meaning)
  config check                   validate the environment and print it with secrets redacted
  help                           show this text
`;

/** A command line that does not name a known command, with what was wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = 'UsageError';
  }
}
