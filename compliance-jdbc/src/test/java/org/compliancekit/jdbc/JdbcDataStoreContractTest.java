package org.compliancekit.jdbc;

import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.DataStore;
import org.compliancekit.tck.ContractSchema;
import org.compliancekit.tck.DataStoreContractTest;

/** The data-store contract on one real database: each test gets a fresh database holding the contract schema. */
abstract class JdbcDataStoreContractTest extends DataStoreContractTest {
    private final TestDatabase kind;
    private TestDatabase.Fresh db;

    JdbcDataStoreContractTest(TestDatabase kind) {
        this.kind = kind;
    }

    @Override
    protected DataStore createStore() {
        db = kind.fresh();
        db.execute(ContractDdl.create(kind, ContractSchema.schema()));
        return JdbcDataStore.builder(db.dataSource()).withFetchSize(100).withBatchSize(50).build();
    }

    @Override
    protected void destroyStore() {
        if (db != null) {
            db.close();
        }
    }
}
