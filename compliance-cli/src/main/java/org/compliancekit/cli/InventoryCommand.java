package org.compliancekit.cli;

import java.util.Map;
import org.compliancekit.subject.ProcessingInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The record of processing activities, from the policy file alone. */
@Command(name = "inventory", description = "Print the record of processing activities (GDPR art. 30) from the "
        + "policy: what is held, why, for how long, and which processors receive it. Needs no database.")
final class InventoryCommand extends CliCommand {
    /** The document formats. */
    enum Format { markdown, html }

    @Mixin
    PolicyOptions policy;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "markdown",
            description = "markdown or html; default ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        var p = policy.require();
        ProcessingInventory inventory = ProcessingInventory.of(p.map(), p.rules());
        String document = format == Format.html ? inventory.html() : inventory.markdown();
        return report(true, Map.of("format", format.name(), "document", document), w -> w.print(document));
    }
}
