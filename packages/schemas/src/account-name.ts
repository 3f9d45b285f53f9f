// The one rule for an account's name, kept apart from the configuration so that both it and the job
// queues (which build Redis keys from the name) read it without importing each other.

/**
 * What an account name may hold: it is written on every row of the account and is part of the Redis
 * key prefix of the account's job queues (jobQueuePrefixOf), so no ':' (Redis key separator), no
 * braces (Redis Cluster hash tags) and nothing a log or a URL would have to escape.
 */
export const ACCOUNT_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Why an account name is refused: said the same way by the configuration and the job queues. */
export const ACCOUNT_NAME_RULE = 'letters, digits, _ . - only, at most 64';
