-- 一类事 applications: one row per application, its items (basic and value-added) and its timeline.

CREATE TABLE qf_application (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    application_no       VARCHAR(20),
    scenario_code        VARCHAR(40)   NOT NULL,
    credit_code          CHAR(18)      NOT NULL,
    enterprise_name      VARCHAR(200)  NOT NULL,
    contact_name         VARCHAR(50)   NOT NULL,
    contact_phone        VARCHAR(20)   NOT NULL,
    channel              VARCHAR(16)   NOT NULL,
    status               VARCHAR(24)   NOT NULL,
    light                VARCHAR(8)    NOT NULL,
    overdue              BOOLEAN       NOT NULL,
    provided_materials   VARCHAR(4000),
    missing_materials    VARCHAR(4000),
    accepted_at          ${datetime},
    deadline_at          ${datetime},
    due_date             DATE,
    warning_at           ${datetime},
    escalate_at          ${datetime},
    deadline_provisional BOOLEAN       NOT NULL,
    result               VARCHAR(4000),
    rating               VARCHAR(24),
    rating_comment       VARCHAR(1000),
    rated_at             ${datetime},
    rating_by_default    BOOLEAN       NOT NULL,
    follow_up_problem_id BIGINT,
    process_instance_id  VARCHAR(64),
    submitted_by         VARCHAR(64)   NOT NULL,
    idempotency_key      VARCHAR(200),
    created_at           ${datetime}   NOT NULL,
    updated_at           ${datetime}   NOT NULL,
    closed_at            ${datetime},
    CONSTRAINT uq_application_no UNIQUE (application_no),
    CONSTRAINT uq_application_idempotency UNIQUE (idempotency_key)
) ${table_options};

CREATE INDEX ix_application_credit_code ON qf_application (credit_code);
CREATE INDEX ix_application_status ON qf_application (status, deadline_at);

-- the items of an application: BASIC (a department's service item, through its adapter) or VALUE_ADDED (chosen)
CREATE TABLE qf_application_item (
    application_id  BIGINT        NOT NULL,
    item_code       VARCHAR(40)   NOT NULL,
    kind            VARCHAR(12)   NOT NULL,
    name            VARCHAR(500)  NOT NULL,
    department_code VARCHAR(20)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    reference       VARCHAR(100),
    result          VARCHAR(2000),
    due_at          ${datetime},
    started_at      ${datetime},
    done_at         ${datetime},
    handled_by      VARCHAR(64),
    PRIMARY KEY (application_id, item_code)
) ${table_options};

CREATE TABLE qf_application_event (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    application_id BIGINT        NOT NULL,
    occurred_at    ${datetime}   NOT NULL,
    actor          VARCHAR(64)   NOT NULL,
    action         VARCHAR(32)   NOT NULL,
    detail         VARCHAR(4000)
) ${table_options};

CREATE INDEX ix_application_event ON qf_application_event (application_id, id);
