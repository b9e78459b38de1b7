package org.compliancekit.cli;

import picocli.CommandLine.ParameterException;

/** A command that only groups subcommands; run alone it is a usage error naming them. */
abstract class CommandGroup extends CliCommand {
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
