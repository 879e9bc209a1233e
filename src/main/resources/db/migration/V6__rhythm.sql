-- The notification outbox, the center's reports (日报告、周汇总、月督办) and the lasting measures (形成制度).

CREATE TABLE qf_notification (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    recipient_group VARCHAR(64),
    recipient_user  VARCHAR(64),
    subject         VARCHAR(200)  NOT NULL,
    body            VARCHAR(2000),
    link            VARCHAR(200),
    created_at      ${datetime}   NOT NULL,
    read_at         ${datetime},
    delivered_at    ${datetime},
    attempts        INT           NOT NULL,
    last_error      VARCHAR(500)
) ${table_options};

CREATE INDEX ix_notification_group ON qf_notification (recipient_group, id);
CREATE INDEX ix_notification_pending ON qf_notification (delivered_at, attempts);

CREATE TABLE qf_report (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind         VARCHAR(16)   NOT NULL,
    title        VARCHAR(200)  NOT NULL,
    period_start ${datetime}   NOT NULL,
    period_end   ${datetime}   NOT NULL,
    content      ${text}       NOT NULL,
    created_at   ${datetime}   NOT NULL
) ${table_options};

CREATE INDEX ix_report_kind ON qf_report (kind, id);

-- 问题处理—分类总结—分析规律—形成制度: a recurring category gets a lasting measure; later problems link to it
CREATE TABLE qf_measure (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    category    VARCHAR(50)   NOT NULL,
    title       VARCHAR(200)  NOT NULL,
    content     VARCHAR(4000) NOT NULL,
    problems    INT           NOT NULL,
    recorded_by VARCHAR(64)   NOT NULL,
    recorded_at ${datetime}   NOT NULL
) ${table_options};

CREATE INDEX ix_measure_category ON qf_measure (category);

ALTER TABLE qf_problem ADD COLUMN measure_id BIGINT;
