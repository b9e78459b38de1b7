package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.cli.CliFixture.concat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Canary values, a name, an email address and a phone number nobody else uses, seeded into the data, and canary
 * secrets (database password, HASH secret, backup and audit keys): every command, at debug log level and with
 * {@code --verbose}, on its success and its failure paths, must never print one of them, neither in its output nor
 * in a log line.
 */
class CliCanaryTest {
    static {
        // Before any logger exists in this JVM (the module runs each test class in a JVM of its own).
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }

    private static final List<String> CANARIES = List.of("Zebulon", "Quackenbush", "zebulon.q@canary-mail.example",
            "9988776", "canary-mail");

    @TempDir
    Path dir;

    @Test
    void noCanaryValueOrSecretIsEverPrintedOrLogged() throws Exception {
        assertThat(LoggerFactory.getLogger(CliCanaryTest.class).isDebugEnabled()).as("debug logging").isTrue();
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        CliFixture shop;
        Path key;
        Path auditKey;
        try {
            shop = new CliFixture(dir);
            seedCanaries(shop);
            key = dir.resolve("keys/k2026.key");
            auditKey = dir.resolve("keys/audit-1.properties");
            Path otherKey = dir.resolve("keys/other.key");
            for (Path k : List.of(key, otherKey)) {
                shop.run("--verbose", "keygen", "--out", k.toString());
            }
            shop.run("--verbose", "keygen", "--audit", "--out", auditKey.toString());
            List<String> common = shop.common(key, auditKey);
            List<String> db = List.of("--jdbc-url", shop.url, "--user", "sa", "--map", shop.map.toString(),
                    "--audit-key-file", auditKey.toString());
            String second = shop.createShop("second", false);
            Path blocked = Files.writeString(dir.resolve("not-a-folder"), "x");

            List<List<String>> commands = new ArrayList<>(List.of(
                    concat(common, "backup"),
                    concat(common, "backup", "--dry-run"),
                    List.of("verify-backup", "--store", shop.store.toString(), "--key-file", key.toString()),
                    List.of("verify-backup", "--store", shop.store.toString(), "--key-file", otherKey.toString()),
                    List.of("restore", "--jdbc-url", second, "--user", "sa", "--store", shop.store.toString(),
                            "--key-file", key.toString()),
                    List.of("restore", "--jdbc-url", second, "--user", "sa", "--store", shop.store.toString(),
                            "--key-file", key.toString()),
                    concat(List.of("--jdbc-url", shop.url, "--user", "sa", "--map", shop.map.toString(), "--store",
                            blocked.resolve("sub").toString(), "--key-file", key.toString()), "backup"),
                    concat(common, "cleanup", "--dry-run"),
                    concat(common, "cleanup"),
                    concat(db, "retention", "plan"),
                    concat(db, "retention", "run", "--dry-run"),
                    concat(db, "retention", "run"),
                    concat(db, "subject", "export", "--id", "3", "--out", dir.resolve("export.json").toString()),
                    concat(db, "subject", "erase", "--id", "3", "--dry-run"),
                    concat(db, "subject", "erase", "--id", "3"),
                    concat(db, "pii", "scan"),
                    concat(db, "inventory"),
                    List.of("audit", "verify", "--jdbc-url", shop.url, "--user", "sa", "--audit-key-file",
                            auditKey.toString()),
                    List.of("audit", "list", "--jdbc-url", shop.url, "--user", "sa"),
                    concat(common, "daily")));
            for (List<String> command : commands) {
                shop.run(concat(command, "--verbose"));
                shop.run(concat(command, "--verbose", "--json"));
            }
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("library log lines reached the capture").contains("[main] INFO org.compliancekit");
        assertThat(shop.runs.stream().filter(r -> r.code() != 0)).as("failure paths ran").hasSizeGreaterThan(4);
        assertThat(shop.runs.stream().filter(r -> r.err().contains("\tat "))).as("--verbose traces").isNotEmpty();
        for (String canary : CANARIES) {
            assertThat(logged).as("log lines").doesNotContain(canary);
            for (CliFixture.Run r : shop.runs) {
                assertThat(r.out() + r.err()).as("output of a run").doesNotContain(canary);
            }
        }
        shop.assertNoSecretsPrinted(key, auditKey);
        for (String secret : List.of(CliFixture.DB_PASSWORD, CliFixture.HASH_SECRET,
                Files.readString(key).strip())) {
            assertThat(logged).doesNotContain(secret);
        }
    }

    /**
     * A customer made of canaries, and a constraint that makes erasing them fail inside the database, so that the
     * failure path carries the driver's error.
     */
    private static void seedCanaries(CliFixture shop) throws Exception {
        try (Connection c = DriverManager.getConnection(shop.url, "sa", CliFixture.DB_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users ADD COLUMN phone VARCHAR(40)");
            s.execute("INSERT INTO users VALUES (3, 'zebulon.q@canary-mail.example', 'Zebulon Quackenbush', "
                    + "TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+00', '+49 170 9988776')");
            s.execute("INSERT INTO orders VALUES (13, 3, 'Call Zebulon Quackenbush at +49 170 9988776', 5.00, "
                    + "TIMESTAMP WITH TIME ZONE '2024-02-01 00:00:00+00')");
            s.execute("ALTER TABLE users ADD CONSTRAINT keep_names CHECK (name <> '[REDACTED]')");
        }
    }
}
