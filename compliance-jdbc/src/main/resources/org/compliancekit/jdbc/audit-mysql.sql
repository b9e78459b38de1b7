-- Compliance Kit audit trail for MariaDB and MySQL (InnoDB). Format of the hashed fields: docs/audit-chain.md.
-- Copy into a Flyway/Liquibase migration as is. For another table name, replace "compliance_audit" everywhere
-- (the head and checkpoint tables and the indexes take the table name as their prefix).
-- A table created before chain format version 2 lacks chain_version and personal: add them with
-- audit-upgrade-2-mysql.sql (withAutoCreate(true) does so itself).
CREATE TABLE IF NOT EXISTS compliance_audit (
    seq            BIGINT       NOT NULL PRIMARY KEY,
    occurred_at    DATETIME(6)  NOT NULL, -- UTC; DATETIME, not TIMESTAMP, so the session time zone never shifts it
    event_type     VARCHAR(64)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    actor          VARCHAR(255),
    summary        TEXT         NOT NULL,
    details        LONGTEXT     NOT NULL, -- canonical JSON text, hashed byte for byte
    duration_nanos BIGINT       NOT NULL,
    dry_run        BOOLEAN      NOT NULL,
    prev_hash      CHAR(64)     CHARACTER SET ascii NOT NULL,
    hash           CHAR(64)     CHARACTER SET ascii NOT NULL,
    chain_version  SMALLINT     NOT NULL DEFAULT 1, -- chain format version the hash was computed in
    personal       LONGTEXT, -- erasable personal fields (format 2): commitments, salts, values
    KEY compliance_audit_occurred_idx (occurred_at),
    KEY compliance_audit_type_idx (event_type, seq),
    KEY compliance_audit_actor_idx (actor, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- One row: the chain's head and genesis. Appends lock it (SELECT ... FOR UPDATE), which serializes every writer.
CREATE TABLE IF NOT EXISTS compliance_audit_head (
    id           INTEGER  NOT NULL PRIMARY KEY,
    head_seq     BIGINT   NOT NULL,
    head_hash    CHAR(64) CHARACTER SET ascii NOT NULL,
    genesis_seq  BIGINT   NOT NULL,
    genesis_hash CHAR(64) CHARACTER SET ascii NOT NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO compliance_audit_head (id, head_seq, head_hash, genesis_seq, genesis_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TABLE IF NOT EXISTS compliance_audit_checkpoint (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    seq        BIGINT       NOT NULL,
    head_hash  CHAR(64)     CHARACTER SET ascii NOT NULL,
    created_at DATETIME(6)  NOT NULL, -- UTC
    key_id     VARCHAR(64)  NOT NULL,
    signature  VARCHAR(128) CHARACTER SET ascii NOT NULL,
    KEY compliance_audit_checkpoint_seq_idx (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
