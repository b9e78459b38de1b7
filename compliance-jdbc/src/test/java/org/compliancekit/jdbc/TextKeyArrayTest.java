package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.RowKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys and values bound as one array parameter (PostgreSQL's {@code = ANY(?)} and {@code unnest(?, ?)}, sent in
 * binary since they are typed Java arrays) reach the rows they name, whatever characters the text holds.
 */
class TextKeyArrayTest {
    private static final List<String> HOSTILE = List.of("a,b", "{x}", "\"quoted\"", "back\\slash", "NULL", " padded ",
            "tab\there", "new\nline", "ümlaut", "emoji \uD83D\uDE00", "");
    private static final ErasureContext HASHING = ErasureContext.withHashSecret("0123456789abcdef0123".getBytes());

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void hostileTextKeysAnonymizeExactlyTheirRows(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            db.execute("CREATE TABLE tagged (tag VARCHAR(40) NOT NULL PRIMARY KEY, email VARCHAR(200), note VARCHAR(40))");
            List<String> inserts = new ArrayList<>();
            for (int i = 0; i < HOSTILE.size(); i++) {
                inserts.add("INSERT INTO tagged VALUES (" + literal(kind, HOSTILE.get(i)) + ", 'p" + i + "@example.com', 'n')");
            }
            inserts.add("INSERT INTO tagged VALUES ('untouched', 'keep@example.com', 'n')");
            db.execute(inserts.toArray(String[]::new));
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            TableMapping m = TableMapping.builder("tagged").subjectEmail("email").field("email", Strategy.hash())
                    .field("note", Strategy.redact()).build();

            int changed = store.inTransaction(tx -> tx.anonymize(m, HOSTILE.stream().map(RowKey::of).toList(), HASHING));

            assertThat(changed).isEqualTo(HOSTILE.size());
            try (ReadView view = store.openReadView(); RowCursor c = view.scan("tagged")) {
                for (Object[] r = c.next(); r != null; r = c.next()) {
                    if ("untouched".equals(r[0])) {
                        assertThat(r[1]).isEqualTo("keep@example.com");
                        assertThat(r[2]).isEqualTo("n");
                    } else {
                        int i = HOSTILE.indexOf((String) r[0]);
                        assertThat(i).as("key %s read back as written", r[0]).isNotNegative();
                        assertThat(r[1]).isEqualTo(Strategy.hash().apply("p" + i + "@example.com", HASHING));
                        assertThat(r[2]).isEqualTo("[REDACTED]");
                    }
                }
            }
        }
    }

    private static String literal(TestDatabase kind, String s) {
        // MariaDB reads backslash escapes inside string literals; the others take backslashes as they are
        String body = kind == TestDatabase.MARIADB ? s.replace("\\", "\\\\") : s;
        return "'" + body.replace("'", "''") + "'";
    }
}
