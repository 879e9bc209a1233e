-- The problem ledger (涉企问题台账): one row per problem, the departments it went to, and its timeline.
-- The deadline columns are derived from the terms (accepted_at, time_limit_days, extension_days, waited_seconds,
-- warning_days_before, escalation_days_after) by deadline.DeadlinePlan, and stored for queries and figures.

CREATE TABLE qf_problem (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    problem_no            VARCHAR(20),
    credit_code           CHAR(18)      NOT NULL,
    enterprise_name       VARCHAR(200)  NOT NULL,
    contact_name          VARCHAR(50)   NOT NULL,
    contact_phone         VARCHAR(20)   NOT NULL,
    channel               VARCHAR(16)   NOT NULL,
    title                 VARCHAR(200)  NOT NULL,
    description           VARCHAR(4000) NOT NULL,
    category              VARCHAR(50),
    board                 VARCHAR(20),
    problem_class         VARCHAR(10),
    status                VARCHAR(24)   NOT NULL,
    stage                 VARCHAR(16)   NOT NULL,
    light                 VARCHAR(8)    NOT NULL,
    accepted_at           ${datetime},
    -- a reopened problem (重办) gets a new handling round with its own deadline, counted from here
    round_started_at      ${datetime},
    time_limit_days       INT,
    warning_days_before   INT,
    escalation_days_after INT,
    extension_days        INT           NOT NULL,
    waited_seconds        BIGINT        NOT NULL,
    waiting_since         ${datetime},
    deadline_at           ${datetime},
    due_date              DATE,
    warning_at            ${datetime},
    escalate_at           ${datetime},
    deadline_provisional  BOOLEAN       NOT NULL,
    overdue               BOOLEAN       NOT NULL,
    route                 VARCHAR(16),
    lead_department       VARCHAR(20),
    answer                VARCHAR(4000),
    answered_at           ${datetime},
    rating                VARCHAR(24),
    rating_comment        VARCHAR(1000),
    rated_at              ${datetime},
    rating_by_default     BOOLEAN       NOT NULL,
    reopen_count          INT           NOT NULL,
    merged_into           BIGINT,
    closed_at             ${datetime},
    process_instance_id   VARCHAR(64),
    submitted_by          VARCHAR(64)   NOT NULL,
    idempotency_key       VARCHAR(200),
    created_at            ${datetime}   NOT NULL,
    updated_at            ${datetime}   NOT NULL,
    CONSTRAINT uq_problem_no UNIQUE (problem_no),
    CONSTRAINT uq_problem_idempotency UNIQUE (idempotency_key)
) ${table_options};

CREATE INDEX ix_problem_credit_code ON qf_problem (credit_code);
CREATE INDEX ix_problem_status ON qf_problem (status, deadline_at);
CREATE INDEX ix_problem_lead ON qf_problem (lead_department, status);

-- the departments a problem went to: one lead (LEAD) and any cooperating ones (COOPERATING)
CREATE TABLE qf_problem_department (
    problem_id      BIGINT        NOT NULL,
    department_code VARCHAR(20)   NOT NULL,
    role            VARCHAR(12)   NOT NULL,
    opinion         VARCHAR(2000),
    declined        BOOLEAN       NOT NULL,
    assigned_at     ${datetime}   NOT NULL,
    PRIMARY KEY (problem_id, department_code)
) ${table_options};

-- the timeline: every action, who, when, what, why
CREATE TABLE qf_problem_event (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    problem_id  BIGINT        NOT NULL,
    occurred_at ${datetime}   NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    action      VARCHAR(32)   NOT NULL,
    detail      VARCHAR(4000),
    reason      VARCHAR(1000)
) ${table_options};

CREATE INDEX ix_problem_event_problem ON qf_problem_event (problem_id, id);
