/** A started service: the process's shutdown calls stop() once, in reverse start order. */
export interface RunningService {
  readonly name: string;
  /** Stop intake, drain in-flight work, release resources. Must be safe to await once. */
  stop(): Promise<void>;
}
