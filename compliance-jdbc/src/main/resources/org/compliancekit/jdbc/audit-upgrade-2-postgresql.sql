-- Compliance Kit audit trail, upgrade of a table created before chain format version 2 (PostgreSQL).
-- Existing rows keep chain_version 1 and verify as before; new rows are written in version 2. See docs/audit-chain.md.
-- For another table name, replace "compliance_audit".
ALTER TABLE compliance_audit ADD COLUMN IF NOT EXISTS chain_version SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE compliance_audit ADD COLUMN IF NOT EXISTS personal TEXT;
