-- The counts of months that have ended, kept so that the trend (12 months, up to 36) does not count a million problems
-- at every request (issue 6: 2.9 s at 1,000,000 closed problems). Written and read by PastMonthTallies.
--
-- A month that has ended still changes: its problems are closed, rated, visited or reopened later. Every such change
-- of the ledger (ProblemService) adds one to the month's version in the same transaction; a tally counts for the
-- version it was counted at (counted_version) and is used only while the two are equal. The row of a month exists
-- before the month ends (made at start and every hour), so that no change of an ended month can miss it.
CREATE TABLE qf_month_tally (
    month_label          CHAR(7)      NOT NULL PRIMARY KEY,
    from_at              ${datetime}  NOT NULL,
    to_at                ${datetime}  NOT NULL,
    version              BIGINT       NOT NULL,
    counted_version      BIGINT,
    counted_at           ${datetime},
    received             BIGINT,
    closed               BIGINT,
    closed_on_time       BIGINT,
    refused              BIGINT,
    merged               BIGINT,
    rated                BIGINT,
    satisfied            BIGINT,
    rated_by_default     BIGINT,
    assigned             BIGINT,
    returned             BIGINT,
    reopened             BIGINT,
    return_visited       BIGINT,
    answered             BIGINT,
    timed_answers        BIGINT,
    handling_minutes     BIGINT
);
