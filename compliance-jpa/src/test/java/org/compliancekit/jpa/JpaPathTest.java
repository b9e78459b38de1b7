package org.compliancekit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.jpa.shop.Shop;
import org.compliancekit.jpa.shop.ShopData;
import org.compliancekit.jpa.shop.ShopTwin;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.TableSchema;
import org.compliancekit.subject.ErasureReceipt;
import org.compliancekit.subject.SubjectRights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Export and erasure through the JPA path give what the plain JDBC path gives, history included. */
class JpaPathTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final int CUSTOMERS = 3;

    private static SubjectRights rights(DataStore store, PiiMap map) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return SubjectRights.builder(store, map, InMemoryAuditLog.builder(clock).build()).withClock(clock)
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).build();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRES"})
    void exportAndErasureMatchThePlainJdbcPathAndReachTheHistory(TestDatabase kind) throws Exception {
        try (TestDatabase.Fresh viaJpa = kind.fresh(); TestDatabase.Fresh viaJdbc = kind.fresh();
                EntityManagerFactory jpaEmf = Shop.open(viaJpa.dataSource());
                EntityManagerFactory jdbcEmf = Shop.open(viaJdbc.dataSource())) {
            ShopData.fill(jpaEmf, CUSTOMERS);
            ShopData.fill(jdbcEmf, CUSTOMERS);
            JpaMapping mapping = JpaScanner.standard().scan(jpaEmf);
            JpaDataStore jpaStore = JpaDataStore.builder(jpaEmf, mapping).build();
            JdbcDataStore jdbcStore = JdbcDataStore.builder(viaJdbc.dataSource()).build();
            assertThat(mapping.validate(jpaStore.describe()).errors()).isEmpty();
            SubjectRights jpa = rights(jpaStore, mapping.map());
            SubjectRights jdbc = rights(jdbcStore, ShopTwin.map());
            SubjectRef subject = jpaEmf.callInTransaction(em -> jpaStore.subject(em, 1L));
            assertThat(subject).isEqualTo(SubjectRef.of(1L, ShopData.email(1)));

            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            jpa.export(subject, "support:alice", a);
            jdbc.export(subject, "support:alice", b);
            assertThat(a.toString()).isEqualTo(b.toString()).contains("customers_aud", ShopData.email(1));

            ErasureReceipt viaJpaReceipt = jpa.erase(subject, "support:alice");
            ErasureReceipt viaJdbcReceipt = jdbc.erase(subject, "support:alice");
            assertThat(viaJpaReceipt).isEqualTo(viaJdbcReceipt);
            assertThat(viaJpaReceipt.totalChanged()).isPositive();
            Map<String, List<List<Object>>> rowsJpa = rows(jpaStore);
            assertThat(rowsJpa).isEqualTo(rows(jdbcStore));

            String everything = rowsJpa.toString();
            assertThat(everything).doesNotContain(ShopData.email(1), ShopData.name(1))
                    .contains(ShopData.email(2), ShopData.name(2));
            assertThat(rowsJpa.get("customers_aud")).hasSize(2 * CUSTOMERS);
            assertThat(rowsJpa.get("customer_phones_aud")).hasSize(2 * (CUSTOMERS - 1));
            assertThat(jpa.erase(subject, "support:alice").totalChanged()).isZero();
        }
    }

    /** Every table's rows in key order, except Envers' revision table whose timestamps are the wall clock's. */
    static Map<String, List<List<Object>>> rows(DataStore store) {
        Map<String, List<List<Object>>> out = new LinkedHashMap<>();
        try (ReadView view = store.openReadView()) {
            for (TableSchema t : store.describe().tables()) {
                String name = t.name().toLowerCase(Locale.ROOT);
                if (name.equals("revinfo")) {
                    continue;
                }
                List<List<Object>> rows = new ArrayList<>();
                try (RowCursor c = view.scan(t.name())) {
                    for (Object[] r = c.next(); r != null; r = c.next()) {
                        rows.add(Arrays.asList(r));
                    }
                }
                out.put(name, rows);
            }
        }
        return out;
    }

}
