package org.compliancekit.tck;

import org.compliancekit.subject.ErasureLedger;

class InMemoryErasureLedgerContractTest extends ErasureLedgerContractTest {
    private final ErasureLedger ledger = ErasureLedger.inMemory();

    @Override
    protected ErasureLedger open() {
        return ledger;
    }
}
