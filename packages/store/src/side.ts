// Side is spelled `buy`/`sell` in the domain (the exchange port, the ledger, the rules) and
// `BUY`/`SELL` in the database's enum. The two meet only here, where rows are mapped.
import type { Side as DbSide } from '@hookline/db';
import type { OrderSide as Side } from '@hookline/exchange';

/** The database enum's value for a domain side. */
export function toDbSide(side: Side): DbSide {
  return side === 'buy' ? 'BUY' : 'SELL';
}

/** The domain side of a database enum value. */
export function fromDbSide(side: DbSide): Side {
  return side === 'BUY' ? 'buy' : 'sell';
}
