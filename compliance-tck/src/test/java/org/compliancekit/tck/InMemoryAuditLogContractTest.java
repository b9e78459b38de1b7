package org.compliancekit.tck;

import java.time.Clock;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditRedactor;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.InMemoryAuditLog;

class InMemoryAuditLogContractTest extends AuditLogContractTest {

    private InMemoryAuditLog log;

    @Override
    protected AuditLog create(Clock clock, CheckpointSigner signer, AuditRedactor redactor) {
        log = InMemoryAuditLog.builder(clock).withSigner(signer).withRedactor(redactor).build();
        return log;
    }

    @Override
    protected void editStoredPersonal(long sequence, UnaryOperator<String> edit) {
        log.replaceStoredRow(sequence, r -> new ChainRow(r.sequence(), r.occurredAt(), r.type(), r.status(), r.actor(),
                r.summary(), r.detailsJson(), r.durationNanos(), r.dryRun(), r.previousHash(), r.hash(), r.version(),
                edit.apply(r.personalJson())));
    }

    @Override
    protected String storedContent() {
        return log.storedRows().stream().map(Object::toString).collect(Collectors.joining("\n"));
    }
}
