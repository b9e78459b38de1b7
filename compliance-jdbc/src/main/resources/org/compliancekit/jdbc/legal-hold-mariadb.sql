-- Legal holds: a row holds either a whole subject (its id or email in subject) or one row of one table
-- (table_name in lower case, row_key the key values joined by commas). placed_at is UTC.
CREATE TABLE compliance_legal_hold (
    id         BIGINT NOT NULL AUTO_INCREMENT,
    subject    VARCHAR(320),
    table_name VARCHAR(128),
    row_key    VARCHAR(512),
    reason     VARCHAR(500) NOT NULL,
    placed_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CHECK (subject IS NOT NULL OR (table_name IS NOT NULL AND row_key IS NOT NULL))
);
CREATE INDEX compliance_legal_hold_subject ON compliance_legal_hold (subject);
CREATE INDEX compliance_legal_hold_row ON compliance_legal_hold (table_name, row_key);
