export { type EntryOutcome, SighookEntries, type SighookEntriesOptions } from './entries/sighook-entries.js';
export {
  DEFAULT_INDICATOR_PERIODS,
  type IndicatorPeriods,
  indicatorPeriodProblems,
  warmUpCandles,
} from './indicators/indicator-periods.js';
export { IndicatorSet } from './indicators/indicator-set.js';
export type { IndicatorSnapshot, IndicatorValues } from './indicators/indicator-snapshot.js';
export { indicatorText, toMatrixIndicators } from './indicators/indicator-text.js';
export {
  type CandleCsvMatrixOptions,
  computeMatrixFromCandleCsv,
  computeMatrixFromCandles,
  inferCandleTimeframe,
} from './matrix/candle-csv-matrix.js';
export { computeMatrixRow } from './matrix/matrix-row.js';
export {
  checkedMatrixSettings,
  DEFAULT_MATRIX_SETTINGS,
  type MatrixScoreComponent,
  type MatrixSettings,
  matrixSettingsFromConfig,
} from './matrix/matrix-settings.js';
export {
  type ComponentVote,
  decideAction,
  SCORING_TABLE,
  type SignalScore,
  scoreSignals,
} from './matrix/signal-scoring.js';
export { latestMatrixRowsFromDatabase, type MatrixReadOptions } from './publish/database-matrix-reader.js';
export type { SighookServiceContext } from './service-context.js';
export { type SighookService, startSighookService } from './sighook-service.js';
