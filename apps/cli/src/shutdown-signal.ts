/**
 * Resolves with the first SIGINT or SIGTERM. A second signal while shutting down calls `onSecondSignal`
 * (the operator insists: stop waiting for the drain).
 */
export function waitForShutdownSignal(onSecondSignal: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    let received = false;
    const handler = (signal: NodeJS.Signals) => {
      if (received) return onSecondSignal();
      received = true;
      resolve(signal);
    };
    for (const signal of signals) process.on(signal, handler);
  });
}
