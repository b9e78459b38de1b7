package org.compliancekit.cli;

import picocli.CommandLine.Mixin;

/** A command that also works on the backup store. */
abstract class StoreCommand extends DatabaseCommand {
    @Mixin
    StoreOptions store;
}
