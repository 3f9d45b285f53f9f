// The job catalog is shared with sighook (which enqueues `alert.process`), so it lives in
// packages/schemas; this module keeps the webhook's imports where they were.
export {
  type JobDefinition,
  type JobHandlers,
  type JobName,
  type JobPayload,
  type JobRun,
  jobCatalog,
  jobIdOf,
  jobNames,
  type RetryPolicy,
} from '@hookline/schemas';
