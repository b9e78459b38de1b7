-- Compliance Kit audit trail for H2 2.x. Format of the hashed fields: docs/audit-chain.md.
-- Copy into a Flyway/Liquibase migration as is. For another table name, replace "compliance_audit" everywhere
-- (the head and checkpoint tables and the indexes take the table name as their prefix).
-- A table created before chain format version 2 lacks chain_version and personal: add them with
-- audit-upgrade-2-h2.sql (withAutoCreate(true) does so itself).
CREATE TABLE IF NOT EXISTS compliance_audit (
    seq            BIGINT                     NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP(6)               NOT NULL, -- UTC
    event_type     CHARACTER VARYING(64)      NOT NULL,
    status         CHARACTER VARYING(16)      NOT NULL,
    actor          CHARACTER VARYING(255),
    summary        CHARACTER VARYING(1000000) NOT NULL,
    details        CHARACTER VARYING(1000000) NOT NULL, -- canonical JSON text, hashed byte for byte
    duration_nanos BIGINT                     NOT NULL,
    dry_run        BOOLEAN                    NOT NULL,
    prev_hash      CHARACTER(64)              NOT NULL,
    hash           CHARACTER(64)              NOT NULL,
    chain_version  SMALLINT                   DEFAULT 1 NOT NULL, -- chain format version the hash was computed in
    personal       CHARACTER VARYING(1000000) -- erasable personal fields (format 2): commitments, salts, values
);
CREATE INDEX IF NOT EXISTS compliance_audit_occurred_idx ON compliance_audit (occurred_at);
CREATE INDEX IF NOT EXISTS compliance_audit_type_idx ON compliance_audit (event_type, seq);
CREATE INDEX IF NOT EXISTS compliance_audit_actor_idx ON compliance_audit (actor, seq);
-- One row: the chain's head and genesis. Appends lock it (SELECT ... FOR UPDATE), which serializes every writer.
CREATE TABLE IF NOT EXISTS compliance_audit_head (
    id           INTEGER       NOT NULL PRIMARY KEY,
    head_seq     BIGINT        NOT NULL,
    head_hash    CHARACTER(64) NOT NULL,
    genesis_seq  BIGINT        NOT NULL,
    genesis_hash CHARACTER(64) NOT NULL
);
INSERT INTO compliance_audit_head (id, head_seq, head_hash, genesis_seq, genesis_hash)
SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, '0000000000000000000000000000000000000000000000000000000000000000'
WHERE NOT EXISTS (SELECT 1 FROM compliance_audit_head WHERE id = 1);
CREATE TABLE IF NOT EXISTS compliance_audit_checkpoint (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seq        BIGINT                 NOT NULL,
    head_hash  CHARACTER(64)          NOT NULL,
    created_at TIMESTAMP(6)           NOT NULL, -- UTC
    key_id     CHARACTER VARYING(64)  NOT NULL,
    signature  CHARACTER VARYING(128) NOT NULL
);
CREATE INDEX IF NOT EXISTS compliance_audit_checkpoint_seq_idx ON compliance_audit_checkpoint (seq);
