-- Several application nodes on one database (README, "Cluster"): what they would otherwise do twice or see differently.

-- a node claims a notification before handing it to the senders (a lease, so a node that dies mid-send lets another
-- take it over when the lease ends); two nodes never send the same one
ALTER TABLE qf_notification ADD COLUMN claimed_until ${datetime};

-- every load of a holiday year counts up; the nodes compare the sum with what they loaded and read the years again
ALTER TABLE qf_holiday_year ADD COLUMN revision BIGINT DEFAULT 1 NOT NULL;
