import type { AlertProcessor } from '../execution/alert-processor.js';
import type { OrderExecutor } from '../execution/order-executor.js';
import type { JobHandlers } from './job-catalog.js';

/** The catalog's handlers over the alert processor and the order executor. */
export function jobHandlers(processor: AlertProcessor, executor: OrderExecutor): JobHandlers {
  return {
    'alert.process': async ({ alertId }, run) => await processor.process(alertId, run.attempt),
    'order.submit': async ({ clientOrderId, entryTimeoutMs }) =>
      await executor.submit(clientOrderId, entryTimeoutMs),
    'order.timeout': async ({ clientOrderId }) => await executor.timeout(clientOrderId),
  };
}
