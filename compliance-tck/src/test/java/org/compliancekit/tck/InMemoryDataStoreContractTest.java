package org.compliancekit.tck;

import org.compliancekit.store.DataStore;
import org.compliancekit.store.InMemoryDataStore;

class InMemoryDataStoreContractTest extends DataStoreContractTest {
    @Override
    protected boolean sharesSnapshots() {
        return true;
    }

    @Override
    protected DataStore createStore() {
        return new InMemoryDataStore(ContractSchema.schema());
    }
}
