package org.compliancekit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.util.UUID;
import org.compliancekit.jpa.shop.Shop;
import org.compliancekit.jpa.shop.ShopTwin;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The annotated shop scanned into the map one would write by hand. */
class JpaScannerTest {
    private static EntityManagerFactory emf;

    @BeforeAll
    static void open() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        emf = Shop.open(ds);
    }

    @AfterAll
    static void close() {
        emf.close();
    }

    @Test
    void scannedMapEqualsTheHandWrittenTwin() {
        JpaMapping mapping = JpaScanner.standard().scan(emf);

        assertThat(mapping.problems()).isEmpty();
        assertThat(mapping.map().tables()).extracting(t -> t.table())
                .containsExactlyElementsOf(ShopTwin.map().tables().stream().map(t -> t.table()).toList());
        for (int i = 0; i < ShopTwin.map().tables().size(); i++) {
            assertThat(mapping.map().tables().get(i)).isEqualTo(ShopTwin.map().tables().get(i));
        }
        assertThat(mapping.map()).isEqualTo(ShopTwin.map());
        assertThat(mapping.rules()).containsExactlyInAnyOrderElementsOf(ShopTwin.rules());
    }
}
