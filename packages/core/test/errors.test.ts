import { describe, expect, it } from 'vitest';
import { assertNever, dec, HooklineError } from '../src/index.js';

describe('HooklineError', () => {
  it('when raised with a context and a cause then it carries both and names them in the message', () => {
    const cause = new Error('HTTP 400 from the exchange');
    const error = new HooklineError('INVALID_ORDER', 'the exchange rejected the order', {
      context: { side: 'BUY', symbol: 'BTC-USD', amount: dec('0.00001'), price: dec('67432.10') },
      cause,
    });

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('HooklineError');
    expect(error.code).toBe('INVALID_ORDER');
    expect(error.cause).toBe(cause);
    expect(error.context.symbol).toBe('BTC-USD');
    expect(error.message).toBe(
      'INVALID_ORDER: the exchange rejected the order (side=BUY, symbol=BTC-USD, amount=0.00001, price=67432.1)',
    );
  });

  it('when raised without context then the message is the code and the text', () => {
    const error = new HooklineError('CONFIG_INVALID', 'HOOKLINE_MODE is not one of live, paper');

    expect(error.message).toBe('CONFIG_INVALID: HOOKLINE_MODE is not one of live, paper');
    expect(error.context).toEqual({});
    expect(error.cause).toBeUndefined();
  });

  it('when the context holds dates and objects then they are printed readably', () => {
    const error = new HooklineError('INVALID_ARGUMENT', 'bad input', {
      context: { at: new Date(Date.UTC(2024, 0, 2)), limits: { min: '1' } },
    });

    expect(error.message).toBe(
      'INVALID_ARGUMENT: bad input (at=2024-01-02T00:00:00.000Z, limits={"min":"1"})',
    );
  });
});

describe('assertNever', () => {
  type Side = 'BUY' | 'SELL';
  const sign = (side: Side): number => {
    switch (side) {
      case 'BUY':
        return 1;
      case 'SELL':
        return -1;
      default:
        return assertNever(side, 'side');
    }
  };

  it('when every case is handled then the switch answers', () => {
    expect([sign('BUY'), sign('SELL')]).toEqual([1, -1]);
  });

  it('when a value outside the type arrives at run time then it raises UNREACHABLE', () => {
    expect(() => sign('HOLD' as Side)).toThrow('UNREACHABLE: unexpected side: HOLD');
  });
});
