-- The catalogue: departments (with their level) and service boards, loaded from src/main/resources/catalog/*.yml.
-- Written to run unchanged on H2 and MySQL 8 / MariaDB; ${table_options} sets the character set on MySQL.

CREATE TABLE qf_department (
    code        VARCHAR(20)  NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    level       VARCHAR(16)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    parent_code VARCHAR(20),
    sort_order  INT          NOT NULL,
    active      BOOLEAN      NOT NULL
) ${table_options};

CREATE TABLE qf_board (
    code            VARCHAR(20)   NOT NULL PRIMARY KEY,
    name            VARCHAR(50)   NOT NULL,
    short_name      VARCHAR(20)   NOT NULL,
    lead_department VARCHAR(20)   NOT NULL,
    description     VARCHAR(1000),
    sort_order      INT           NOT NULL
) ${table_options};

-- which version of each catalogue file is in the tables, so a restart with an unchanged file does no work
CREATE TABLE qf_catalog_import (
    file_name   VARCHAR(100) NOT NULL PRIMARY KEY,
    checksum    VARCHAR(64)  NOT NULL,
    imported_at TIMESTAMP    NOT NULL
) ${table_options};
