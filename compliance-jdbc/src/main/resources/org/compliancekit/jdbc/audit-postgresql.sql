-- Compliance Kit audit trail for PostgreSQL. Format of the hashed fields: docs/audit-chain.md.
-- Copy into a Flyway/Liquibase migration as is. For another table name, replace "compliance_audit" everywhere
-- (the head and checkpoint tables and the indexes take the table name as their prefix).
-- A table created before chain format version 2 lacks chain_version and personal: add them with
-- audit-upgrade-2-postgresql.sql (withAutoCreate(true) does so itself).
CREATE TABLE IF NOT EXISTS compliance_audit (
    seq            BIGINT       NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP(6) NOT NULL, -- UTC
    event_type     VARCHAR(64)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    actor          VARCHAR(255),
    summary        TEXT         NOT NULL,
    details        TEXT         NOT NULL, -- canonical JSON text; not jsonb, which would rewrite the hashed bytes
    duration_nanos BIGINT       NOT NULL,
    dry_run        BOOLEAN      NOT NULL,
    prev_hash      CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL,
    chain_version  SMALLINT     NOT NULL DEFAULT 1, -- chain format version the hash was computed in
    personal       TEXT -- erasable personal fields (format 2): commitments, salts, values; not jsonb
);
CREATE INDEX IF NOT EXISTS compliance_audit_occurred_idx ON compliance_audit (occurred_at);
CREATE INDEX IF NOT EXISTS compliance_audit_type_idx ON compliance_audit (event_type, seq);
CREATE INDEX IF NOT EXISTS compliance_audit_actor_idx ON compliance_audit (actor, seq);
-- One row: the chain's head and genesis. Appends lock it (SELECT ... FOR UPDATE), which serializes every writer.
CREATE TABLE IF NOT EXISTS compliance_audit_head (
    id           INTEGER  NOT NULL PRIMARY KEY,
    head_seq     BIGINT   NOT NULL,
    head_hash    CHAR(64) NOT NULL,
    genesis_seq  BIGINT   NOT NULL,
    genesis_hash CHAR(64) NOT NULL
);
INSERT INTO compliance_audit_head (id, head_seq, head_hash, genesis_seq, genesis_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, '0000000000000000000000000000000000000000000000000000000000000000')
ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS compliance_audit_checkpoint (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seq        BIGINT       NOT NULL,
    head_hash  CHAR(64)     NOT NULL,
    created_at TIMESTAMP(6) NOT NULL, -- UTC
    key_id     VARCHAR(64)  NOT NULL,
    signature  VARCHAR(128) NOT NULL
);
CREATE INDEX IF NOT EXISTS compliance_audit_checkpoint_seq_idx ON compliance_audit_checkpoint (seq);
