package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A shop database in H2 files under a temporary directory, its policy file, a backup store folder, and a way to run
 * the command line in-process with captured output. The database password and the HASH secret reach the command
 * line through its environment only.
 */
final class CliFixture {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String DB_PASSWORD = "db-Pass-7731";
    static final String HASH_SECRET = Base64.getEncoder().encodeToString("hash-secret-of-the-shop-0042".getBytes());

    static final String POLICY = """
            version: 1
            tables:
              users:
                subject: { id: id }
                purpose: customer account
                categories: [contact details]
                fields:
                  email: hash
                  name: redact
              orders:
                subject: { id: user_id }
                purpose: order fulfilment
                fields:
                  shipping_address: redact
                  amount: { keep: "bookkeeping law: 5 years" }
            retention:
              - name: old-orders
                table: orders
                action: anonymize
                after: 30d
                countingFrom: created_at
            backup:
              enabled: true
              retention: 20d
            """;

    final Path dir;
    final Path map;
    final Path store;
    final String url;

    CliFixture(Path dir) throws IOException, SQLException {
        this.dir = dir;
        this.map = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        this.store = dir.resolve("backups");
        this.url = createShop("shop", true);
    }

    /** Creates an H2 file database with the shop's tables; with {@code data} also two users and three orders. */
    String createShop(String name, boolean data) throws SQLException {
        String jdbc = "jdbc:h2:file:" + dir.resolve(name);
        try (Connection c = DriverManager.getConnection(jdbc, "sa", DB_PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200), name VARCHAR(200), "
                    + "created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, user_id INT NOT NULL REFERENCES users(id), "
                    + "shipping_address VARCHAR(200), amount DECIMAL(10,2), created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            if (data) {
                s.execute("INSERT INTO users VALUES (1, 'ada@example.com', 'Ada Lovelace', TIMESTAMP WITH TIME ZONE "
                        + "'2025-01-01 00:00:00+00'), (2, 'alan@example.com', 'Alan Turing', TIMESTAMP WITH TIME ZONE "
                        + "'2026-02-20 00:00:00+00')");
                s.execute("INSERT INTO orders VALUES "
                        + "(10, 1, '1 Old Street', 10.00, TIMESTAMP WITH TIME ZONE '2025-06-01 00:00:00+00'), "
                        + "(11, 1, '1 Old Street', 12.50, TIMESTAMP WITH TIME ZONE '2026-02-25 00:00:00+00'), "
                        + "(12, 2, '2 New Road', 99.00, TIMESTAMP WITH TIME ZONE '2025-12-01 00:00:00+00')");
            }
        }
        return jdbc;
    }

    long count(String jdbc, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc, "sa", DB_PASSWORD); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The options most commands need: database, policy, store, backup key, audit key. */
    List<String> common(Path key, Path auditKey) {
        return List.of("--jdbc-url", url, "--user", "sa", "--map", map.toString(), "--store", store.toString(),
                "--key-file", key.toString(), "--audit-key-file", auditKey.toString());
    }

    /** Runs the command line in-process, as from a pipe (no terminal). */
    Run run(String... args) {
        return run(List.of(args));
    }

    Run run(List<String> args) {
        return run(args, false);
    }

    /** Runs the command line in-process; {@code terminal} as if a person watched standard error. */
    Run run(List<String> args, boolean terminal) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(new PrintWriter(out), new PrintWriter(err),
                Map.of(CliEnvironment.DB_PASSWORD, DB_PASSWORD, CliEnvironment.HASH_SECRET, HASH_SECRET),
                Clock.fixed(NOW, ZoneOffset.UTC), terminal);
        int code = ComplianceCli.execute(env, args.toArray(String[]::new));
        Run run = new Run(code, out.toString(), err.toString());
        runs.add(run);
        return run;
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(List.of(b));
        all.addAll(a);
        return all;
    }

    /** Every run so far, for checking that no secret ever appeared. */
    final List<Run> runs = new ArrayList<>();

    /** Asserts that no output of any run holds a secret: password, HASH secret, or the contents of key files. */
    void assertNoSecretsPrinted(Path... keyFiles) throws IOException {
        List<String> secrets = new ArrayList<>(List.of(DB_PASSWORD, HASH_SECRET));
        for (Path f : keyFiles) {
            for (String line : Files.readAllLines(f)) {
                String value = line.contains("=") ? line.substring(line.indexOf('=') + 1) : line;
                if (value.length() >= 32 && !line.startsWith("public=")) {
                    secrets.add(value.strip());
                }
            }
        }
        for (Run r : runs) {
            for (String s : secrets) {
                assertThat(r.out() + r.err()).doesNotContain(s);
            }
        }
    }

    /** One finished run. */
    record Run(int code, String out, String err) {
        void assertOk() {
            assertThat(err).as("stderr of a successful run").isEmpty();
            assertThat(code).as("exit code; stdout: %s", out).isZero();
        }
    }
}
