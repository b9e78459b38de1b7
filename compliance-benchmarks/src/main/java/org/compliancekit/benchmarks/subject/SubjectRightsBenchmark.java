package org.compliancekit.benchmarks.subject;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.pii.DpaStatus;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.RowCursor;
import org.compliancekit.subject.ErasureLedger;
import org.compliancekit.subject.SubjectRights;

/**
 * Export and erasure latency per subject on embedded PostgreSQL: a shop of six mapped tables (two of them two
 * join hops from the subject) holding {@code rows} rows in all, link columns indexed. Prints p50/p95/p99/max over
 * {@code samples} distinct random subjects after {@code warmup} untimed runs.
 *
 * <p>Arguments: {@code [rows] [samples] [warmup]}, defaults 1000000 500 200.
 */
public final class SubjectRightsBenchmark {
    /** Rows per user: 1 user + 2 orders + 4 items + 4 notes + 2 sessions + 0.5 leads. */
    private static final double ROWS_PER_USER = 13.5;

    private SubjectRightsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        long users = Math.round(rows / ROWS_PER_USER);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); HikariDataSource ds = pool(pg)) {
            createSchema(ds);
            JdbcDataStore store = JdbcDataStore.builder(ds).build();
            long t0 = System.nanoTime();
            load(store, users);
            exec(ds, "ANALYZE");
            System.out.printf(Locale.ROOT, "loaded %d users, %d rows in %.1f s%n", users, count(ds),
                    (System.nanoTime() - t0) / 1e9);

            SubjectRights rights = SubjectRights.builder(store, map(), InMemoryAuditLog.builder(Clock.systemUTC()).build())
                    .withErasureContext(ErasureContext.withHashSecret(new byte[32]))
                    .withLedger(ErasureLedger.inMemory()).build();
            Random random = new Random(42);
            List<Long> order = new ArrayList<>();
            for (long u = 1; u <= users; u++) {
                order.add(u);
            }
            java.util.Collections.shuffle(order, random);
            Iterator<Long> subjects = order.iterator();

            LongFunction<SubjectRef> ref = u -> SubjectRef.of(u, email(u));
            OutputStream sink = OutputStream.nullOutputStream();
            for (int i = 0; i < warmup; i++) {
                rights.export(ref.apply(subjects.next()), "bench", sink);
                rights.erase(ref.apply(subjects.next()), "bench");
            }
            long[] export = new long[samples];
            long[] erase = new long[samples];
            for (int i = 0; i < samples; i++) {
                SubjectRef s = ref.apply(subjects.next());
                long a = System.nanoTime();
                rights.export(s, "bench", sink);
                export[i] = System.nanoTime() - a;
            }
            for (int i = 0; i < samples; i++) {
                SubjectRef s = ref.apply(subjects.next());
                long a = System.nanoTime();
                rights.erase(s, "bench");
                erase[i] = System.nanoTime() - a;
            }
            System.out.println("operation  samples  p50 ms  p95 ms  p99 ms  max ms");
            print("export", export);
            print("erase", erase);
        }
    }

    // Applications run on a pool; a new PostgreSQL connection per request would dominate the figures.
    private static HikariDataSource pool(EmbeddedPostgres pg) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg.getPostgresDatabase());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-9s  %7d  %6.2f  %6.2f  %6.2f  %6.2f%n", what, s.length, ms(s, 0.50),
                ms(s, 0.95), ms(s, 0.99), s[s.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    static PiiMap map() {
        return PiiMap.builder()
                .table("users", t -> t.subjectId("id").field("email", Strategy.hash()).field("name", Strategy.redact())
                        .field("phone", Strategy.nulled()).purpose("customer account"))
                .table("orders", t -> t.subjectId("user_id").field("address", Strategy.redact())
                        .keep("amount", "bookkeeping law: 10 years"))
                .table("items", t -> t.subject(SubjectLink.path(List.of(Join.to("order_id", "orders", "id")),
                        SubjectLink.id("user_id"))).field("gift", Strategy.nulled()))
                .table("notes", t -> t.subject(SubjectLink.path(List.of(Join.to("item_id", "items", "id"),
                        Join.to("order_id", "orders", "id")), SubjectLink.id("user_id"))).field("body", Strategy.hash()))
                .table("sessions", t -> t.subjectId("user_id").field("ip", Strategy.nulled()).deleteRow())
                .table("leads", t -> t.subjectEmail("email").field("email", Strategy.nulled()).deleteRow())
                .processor("Stripe", "card payments", List.of("email"), DpaStatus.SIGNED, "USA (EU SCCs)")
                .build();
    }

    private static void createSchema(DataSource ds) throws SQLException {
        exec(ds,
                "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL, name VARCHAR(100),"
                        + " phone VARCHAR(50), created_at TIMESTAMP NOT NULL)",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users (id),"
                        + " address VARCHAR(300), amount DECIMAL(12,2) NOT NULL)",
                "CREATE TABLE items (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL REFERENCES orders (id),"
                        + " gift VARCHAR(300))",
                "CREATE TABLE notes (id BIGINT PRIMARY KEY, item_id BIGINT NOT NULL REFERENCES items (id),"
                        + " body VARCHAR(300))",
                "CREATE TABLE sessions (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users (id),"
                        + " ip VARCHAR(45))",
                "CREATE TABLE leads (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL)",
                "CREATE INDEX ix_orders_user ON orders (user_id)",
                "CREATE INDEX ix_items_order ON items (order_id)",
                "CREATE INDEX ix_notes_item ON notes (item_id)",
                "CREATE INDEX ix_sessions_user ON sessions (user_id)",
                "CREATE INDEX ix_leads_email ON leads (email)");
    }

    /** Generates each table's rows lazily while the store loads them, so the heap holds none of them. */
    private static void load(DataStore store, long users) {
        List<String> tables = List.of("users", "orders", "items", "notes", "sessions", "leads");
        store.load(tables, table -> {
            List<String> cols = store.describe().require(table).columnNames();
            Iterator<Object[]> it = switch (table) {
                case "users" -> range(users, u -> new Object[] {u, email(u), "Name " + u, "+49 151 " + (1_000_000 + u),
                        LocalDateTime.of(2025, 1, 1, 0, 0).plusSeconds(u)});
                case "orders" -> range(2 * users, o -> new Object[] {o, (o + 1) / 2, o + " Main Street",
                        new BigDecimal("19.90")});
                case "items" -> range(4 * users, i -> new Object[] {i, (i + 1) / 2, "gift " + i});
                case "notes" -> range(4 * users, i -> new Object[] {i, i, "note " + i});
                case "sessions" -> range(2 * users, s -> new Object[] {s, (s + 1) / 2, "10.0.0." + (s % 250)});
                default -> range(users / 2, l -> new Object[] {2 * l, email(2 * l)});
            };
            return RowCursor.of(cols, it);
        }, DataStore.LoadMode.REFUSE_NON_EMPTY);
    }

    private static Iterator<Object[]> range(long n, LongFunction<Object[]> row) {
        return new Iterator<>() {
            private long next = 1;

            @Override
            public boolean hasNext() {
                return next <= n;
            }

            @Override
            public Object[] next() {
                return row.apply(next++);
            }
        };
    }

    private static String email(long user) {
        return "user" + user + "@example.com";
    }

    private static long count(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM orders)"
                        + " + (SELECT count(*) FROM items) + (SELECT count(*) FROM notes)"
                        + " + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM leads)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
