-- Compliance Kit audit trail, upgrade of a table created before chain format version 2 (H2 2.x).
-- Existing rows keep chain_version 1 and verify as before; new rows are written in version 2. See docs/audit-chain.md.
-- For another table name, replace "compliance_audit".
ALTER TABLE compliance_audit ADD COLUMN IF NOT EXISTS chain_version SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE compliance_audit ADD COLUMN IF NOT EXISTS personal CHARACTER VARYING(1000000);
