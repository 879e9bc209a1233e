-- The monthly figures (supervision.figures): computed from the ledger with aggregate SQL, on H2 and MySQL / MariaDB.

-- 办理时长: working minutes from accepted_at to answered_at (Chinese working days, which SQL cannot count), written by
-- the application when the answer goes to the enterprise (figures.HandlingTime); rows answered before this column
-- existed are filled at the next start (figures.HandlingTimeBackfill).
ALTER TABLE qf_problem ADD COLUMN handling_working_minutes BIGINT;

-- a month's problems: accepted in the month, or (不予受理 / 并件, never accepted) decided in it
CREATE INDEX ix_problem_accepted ON qf_problem (accepted_at);
CREATE INDEX ix_problem_closed ON qf_problem (closed_at);
-- the red and yellow lists
CREATE INDEX ix_problem_light ON qf_problem (light, status);
-- "has the problem ever been assigned / returned / visited": one index probe per problem
CREATE INDEX ix_problem_event_action ON qf_problem_event (problem_id, action);
