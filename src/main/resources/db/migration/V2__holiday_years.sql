-- Holiday tables an administrator loaded at run time (PUT /api/calendar/years); they override the file shipped in
-- calendar/cn-holidays.yml for the same year and are read again at every start.
CREATE TABLE qf_holiday_year (
    holiday_year INT          NOT NULL PRIMARY KEY,
    source       VARCHAR(500) NOT NULL,
    content      ${text}      NOT NULL,
    loaded_by    VARCHAR(64)  NOT NULL,
    loaded_at    ${datetime}  NOT NULL
) ${table_options};
