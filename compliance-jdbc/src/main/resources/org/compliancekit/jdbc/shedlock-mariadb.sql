-- ShedLock's lock table for MariaDB and MySQL; times are UTC, written from the database's clock.
-- DATETIME rather than TIMESTAMP: no session time zone conversion, no automatic update on write.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until DATETIME(3)  NOT NULL,
    locked_at  DATETIME(3)  NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);
