-- The account ledger versions (table ledger_versions): every statement that inserts, updates or
-- deletes fills, fifo_allocations or transfers bumps the version of each account it touched, in the
-- same transaction, so the bump is visible exactly when the change is. The sentinel reads an account's
-- version before its open positions and keeps them while the version stays.
--
-- Lock order: every ledger writer takes its books' advisory locks first, and bumps the version (a row
-- lock held to commit) before it updates the orders of its book; writers of other tables never take it.
-- So no two transactions wait on each other through this row. (A trigger of the same kind on
-- trade_records was tried and deadlocked: order updates run outside the book locks and before fills.)

-- Accounts in one order, so two statements over the same accounts never wait on each other in a cycle.
CREATE FUNCTION ledger_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_versions AS v (account, version)
  SELECT account, 1 FROM (SELECT DISTINCT account FROM changed) AS touched ORDER BY account
  ON CONFLICT (account) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END $$;

CREATE FUNCTION ledger_versions_bump_transfers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_versions AS v (account, version)
  SELECT account, 1 FROM (
    SELECT from_account AS account FROM changed UNION SELECT to_account FROM changed
  ) AS touched ORDER BY account
  ON CONFLICT (account) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END $$;

-- A trigger with a transition table serves one event: three per table.
CREATE TRIGGER fills_version_insert AFTER INSERT ON "fills"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump();
CREATE TRIGGER fills_version_update AFTER UPDATE ON "fills"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump();
CREATE TRIGGER fills_version_delete AFTER DELETE ON "fills"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump();

CREATE TRIGGER fifo_allocations_version_insert AFTER INSERT ON "fifo_allocations"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump();
CREATE TRIGGER fifo_allocations_version_update AFTER UPDATE ON "fifo_allocations"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump();
CREATE TRIGGER fifo_allocations_version_delete AFTER DELETE ON "fifo_allocations"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump();

CREATE TRIGGER transfers_version_insert AFTER INSERT ON "transfers"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump_transfers();
CREATE TRIGGER transfers_version_update AFTER UPDATE ON "transfers"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump_transfers();
CREATE TRIGGER transfers_version_delete AFTER DELETE ON "transfers"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump_transfers();
