package org.compliancekit.cli;

import picocli.CommandLine.Mixin;

/** A command that works on a database with the policy, recording what it does in the audit trail there. */
abstract class DatabaseCommand extends CliCommand {
    @Mixin
    DatabaseOptions db;
    @Mixin
    PolicyOptions policy;
    @Mixin
    AuditKeyOptions auditKey;

    /** The kit over this command's options. */
    CliKit kit() {
        return kit(db, policy, auditKey);
    }
}
