-- For the queries supervisors and staff run all day on a ledger of a million problems (issue 6, measured by the
-- benchmark suite's section 3, README "Benchmarks"). Numbered after V9, which databases already hold. The
-- Camunda-defaults variant of the suite runs without the indexes below (it drops every CREATE INDEX of this file).

-- 交办 / 退单 / 回访: whether the problem's timeline holds such an event, kept on its ledger row when the event is
-- written (ProblemService), so that a month's figures read one index instead of probing the timeline three times per
-- problem.
ALTER TABLE qf_problem ADD COLUMN ever_assigned BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE qf_problem ADD COLUMN ever_returned BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE qf_problem ADD COLUMN return_visited BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE qf_problem SET ever_assigned = TRUE
    WHERE id IN (SELECT e.problem_id FROM qf_problem_event e WHERE e.action = 'ASSIGNED');
UPDATE qf_problem SET ever_returned = TRUE
    WHERE id IN (SELECT e.problem_id FROM qf_problem_event e WHERE e.action = 'RETURNED');
UPDATE qf_problem SET return_visited = TRUE
    WHERE id IN (SELECT e.problem_id FROM qf_problem_event e WHERE e.action = 'RETURN_VISIT');

-- a month's (or the trend's months') figures: every column the tally counts, read from the index alone in the order of
-- accepted_at (the ledger rows are wide: description and answer hold up to 4,000 characters each)
CREATE INDEX ix_problem_figures ON qf_problem (accepted_at, status, overdue, rating, rating_by_default, reopen_count,
    ever_assigned, ever_returned, return_visited, answered_at, handling_working_minutes, lead_department, board, channel,
    category);

-- the open problems now, per group and light (the figures' "now" columns, the dashboard's lights)
CREATE INDEX ix_problem_open ON qf_problem (status, light, lead_department, board, channel, category);
