package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.cli.CliFixture.concat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command against an H2 file database and a folder store, run in-process as from a pipe. */
class CliOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    CliFixture shop;
    Path key;
    Path auditKey;
    List<String> common;
    List<String> db;

    @BeforeEach
    void setUp() throws Exception {
        shop = new CliFixture(dir);
        key = dir.resolve("keys/k2026.key");
        auditKey = dir.resolve("keys/audit-1.properties");
        shop.run("keygen", "--out", key.toString()).assertOk();
        shop.run("keygen", "--audit", "--out", auditKey.toString()).assertOk();
        common = shop.common(key, auditKey);
        db = List.of("--jdbc-url", shop.url, "--user", "sa", "--map", shop.map.toString(), "--audit-key-file",
                auditKey.toString());
    }

    @AfterEach
    void noSecretsAnywhere() throws Exception {
        shop.assertNoSecretsPrinted(key, auditKey);
    }

    @Test
    void keygenWritesOwnerOnlyKeysAndNeverOverwrites() throws Exception {
        assertThat(Files.readString(key).strip()).hasSize(44);
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(auditKey)).contains("key-id=audit-1", "private=", "public=");

        CliFixture.Run again = shop.run("keygen", "--out", key.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists").doesNotContain("\tat ");
    }

    @Test
    void backupVerifyAndRestoreIntoASecondDatabase() throws Exception {
        CliFixture.Run backup = shop.run(concat(common, "backup"));
        backup.assertOk();
        assertThat(backup.out()).contains("backup main/2026-03-01 completed", "2 tables", "5 rows");

        CliFixture.Run verify = shop.run("verify-backup", "--store", shop.store.toString(), "--key-file", key.toString());
        verify.assertOk();
        assertThat(verify.out()).contains("verified");

        String second = shop.createShop("drill", false);
        List<String> target = List.of("--jdbc-url", second, "--user", "sa", "--store", shop.store.toString(),
                "--key-file", key.toString(), "--date", "2026-03-01");
        CliFixture.Run restore = shop.run(concat(target, "restore"));
        restore.assertOk();
        assertThat(restore.out()).contains("restored 2 tables, 5 rows");
        assertThat(shop.count(second, "SELECT COUNT(*) FROM orders")).isEqualTo(3);
        assertThat(shop.count(second, "SELECT COUNT(*) FROM users WHERE email = 'ada@example.com'")).isEqualTo(1);

        CliFixture.Run refused = shop.run(concat(target, "restore"));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("NOT restored");
        assertThat(refused.out()).as("a failure goes to standard error").isEmpty();
        assertThat(shop.count(second, "SELECT COUNT(*) FROM orders")).isEqualTo(3);
    }

    @Test
    void progressIsDrawnOnATerminalOnly() throws Exception {
        CliFixture.Run watched = shop.run(concat(common, "backup"), true);
        assertThat(watched.code()).isZero();
        assertThat(watched.err()).contains("\r", "2 tables done, 5 rows", "MB/s").endsWith("\n");
        assertThat(watched.out()).contains("completed");

        String second = shop.createShop("watched-restore", false);
        CliFixture.Run restore = shop.run(List.of("restore", "--jdbc-url", second, "--user", "sa", "--store",
                shop.store.toString(), "--key-file", key.toString()), true);
        assertThat(restore.code()).isZero();
        assertThat(restore.err()).contains("2 tables done, 5 rows");

        CliFixture.Run piped = shop.run(concat(common, "backup"));
        piped.assertOk();
    }

    /** Tables of another schema are backed up under their schema; each table left out is printed. */
    @Test
    void backupCoversOtherSchemasAndPrintsEachTableLeftOut() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(shop.url, "sa", CliFixture.DB_PASSWORD);
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA archive");
            s.execute("CREATE TABLE archive.old_orders (id INT PRIMARY KEY)");
            s.execute("INSERT INTO archive.old_orders VALUES (1), (2)");
            s.execute("CREATE TABLE webhook (id INT PRIMARY KEY, url VARCHAR(200))");
        }

        CliFixture.Run backup = shop.run(concat(common, "backup"));

        backup.assertOk();
        assertThat(backup.out()).contains("3 tables", "7 rows", "\"ARCHIVE\".\"OLD_ORDERS\"", "left out WEBHOOK");
    }

    @Test
    void backupDryRunWritesNothing() throws Exception {
        CliFixture.Run r = shop.run(concat(common, "backup", "--dry-run"));
        r.assertOk();
        assertThat(r.out()).contains("(dry run)");
        assertThat(shop.store).isEmptyDirectory();
    }

    @Test
    void verifyWithTheWrongKeyFails() throws Exception {
        shop.run(concat(common, "backup")).assertOk();
        Path other = dir.resolve("other.key");
        shop.run("keygen", "--out", other.toString()).assertOk();

        CliFixture.Run r = shop.run("verify-backup", "--store", shop.store.toString(), "--key-file",
                "k2026:" + other);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).as("a failure goes to standard error").isEmpty();
        assertThat(r.err()).contains("FAILED verification");
        assertThat(r.err() + r.out()).doesNotContain("\tat ");
        shop.assertNoSecretsPrinted(other);
    }

    @Test
    void cleanupKeepsTheNewestCompleteBackup() {
        shop.run(concat(common, "backup")).assertOk();
        CliFixture.Run dry = shop.run(concat(common, "cleanup", "--dry-run"));
        dry.assertOk();
        assertThat(dry.out()).contains("0 folders and 0 unfinished files would be deleted", "1 folders kept");
        CliFixture.Run real = shop.run(concat(common, "cleanup"));
        real.assertOk();
        assertThat(real.out()).contains("0 folders and 0 unfinished files deleted", "1 folders kept");
    }

    @Test
    void auditVerifyAndListAsJson() throws Exception {
        shop.run(concat(common, "backup")).assertOk();
        CliFixture.Run verify = shop.run(concat(db, "audit", "verify"));
        verify.assertOk();
        assertThat(verify.out()).contains("audit chain verified");

        CliFixture.Run list = shop.run(concat(db, "audit", "list", "--json", "--type", "backup"));
        list.assertOk();
        JsonNode doc = JSON.readTree(list.out());
        assertThat(doc.get("command").asText()).isEqualTo("audit list");
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("result")).hasSize(1);
        assertThat(doc.get("result").get(0).get("event").get("type").asText()).isEqualTo("backup");
        assertThat(doc.get("result").get(0).get("event").get("actor").asText()).startsWith("cli:");

        JsonNode verified = JSON.readTree(shop.run(concat(db, "audit", "verify", "--json")).out());
        assertThat(verified.get("ok").asBoolean()).isTrue();
        assertThat(verified.get("result").get("checkpointsChecked").asLong()).isPositive();
    }

    @Test
    void anAuditorVerifiesWithThePublicKeyFileAlone() throws Exception {
        Path publicKey = Path.of(auditKey + ".pub");
        assertThat(Files.readString(publicKey)).contains("key-id=audit-1", "public=").doesNotContain("private");
        shop.run(concat(common, "backup")).assertOk();
        CliFixture.Run checkpoint = shop.run(concat(db, "audit", "checkpoint"));
        checkpoint.assertOk();
        assertThat(checkpoint.out()).contains("checkpoint signed with key 'audit-1'");

        List<String> auditor = List.of("--jdbc-url", shop.url, "--user", "sa");
        CliFixture.Run verified = shop.run(concat(auditor, "audit", "verify", "--audit-public-key-file",
                publicKey.toString(), "--json"));
        verified.assertOk();
        assertThat(JSON.readTree(verified.out()).get("result").get("checkpointsChecked").asLong()).isGreaterThan(1);

        CliFixture.Run keyless = shop.run(concat(auditor, "audit", "verify"));
        assertThat(keyless.code()).isEqualTo(2);
        assertThat(keyless.err()).contains("--audit-public-key-file").doesNotContain("withSigner")
                .doesNotContain("builder");
    }

    @Test
    void aTailCutUpToTheNewestBackupIsCaughtAgainstTheBackups() throws Exception {
        shop.run(concat(db, "retention", "run")).assertOk();
        shop.run(concat(db, "retention", "run")).assertOk();
        shop.run(concat(common, "backup")).assertOk();
        shop.run(concat(db, "retention", "run")).assertOk();
        // Every command that appended ended with a checkpoint covering its own records.
        assertThat(shop.count(shop.url, "SELECT MAX(seq) FROM compliance_audit_checkpoint"))
                .isEqualTo(shop.count(shop.url, "SELECT MAX(seq) FROM compliance_audit"));

        // The attacker cuts everything after record 1 and edits the head row and the checkpoint table to match.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(shop.url, "sa", CliFixture.DB_PASSWORD);
                java.sql.Statement st = c.createStatement()) {
            st.execute("DELETE FROM compliance_audit WHERE seq > 1");
            st.execute("DELETE FROM compliance_audit_checkpoint WHERE seq > 1");
            st.execute("UPDATE compliance_audit_head SET head_seq = 1, head_hash = (SELECT hash FROM compliance_audit "
                    + "WHERE seq = 1)");
        }
        List<String> auditor = List.of("audit", "verify", "--jdbc-url", shop.url, "--user", "sa",
                "--audit-public-key-file", auditKey + ".pub");
        shop.run(auditor).assertOk(); // what the database alone can no longer show

        CliFixture.Run against = shop.run(concat(List.of("--against-backups", shop.store.toString()),
                auditor.toArray(String[]::new)));
        assertThat(against.code()).isEqualTo(1);
        assertThat(against.err()).contains("BROKEN", "CHECKPOINT_MISMATCH"); // a failed report goes to standard error
    }

    @Test
    void anotherKeyPairUnderTheKeyIdTheTrailKnowsIsRefused() throws Exception {
        shop.run(concat(db, "audit", "checkpoint")).assertOk();
        Path impostor = dir.resolve("other-keys/audit-1.properties");
        shop.run("keygen", "--audit", "--out", impostor.toString()).assertOk();
        List<String> withImpostor = List.of("--jdbc-url", shop.url, "--user", "sa", "--audit-key-file",
                impostor.toString());
        CliFixture.Run refused = shop.run(concat(withImpostor, "audit", "checkpoint"));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("key id 'audit-1'", "public key differs").doesNotContain("forged");
        shop.assertNoSecretsPrinted(impostor);
    }

    @Test
    void retentionPlanThenRunThenNothingLeft() throws Exception {
        CliFixture.Run plan = shop.run(concat(db, "retention", "plan"));
        plan.assertOk();
        assertThat(plan.out()).contains("2 rows would change");

        CliFixture.Run run = shop.run(concat(db, "retention", "run"));
        run.assertOk();
        assertThat(run.out()).contains("completed: 2 rows changed");
        assertThat(shop.count(shop.url, "SELECT COUNT(*) FROM orders WHERE shipping_address = '1 Old Street'"))
                .isEqualTo(1);

        JsonNode second = JSON.readTree(shop.run(concat(db, "retention", "run", "--json")).out());
        assertThat(second.get("ok").asBoolean()).isTrue();
        assertThat(second.get("result").get("rules").get(0).get("affected").asLong()).isZero();
    }

    @Test
    void subjectExportAndErase() throws Exception {
        Path export = dir.resolve("exports/ada.json");
        CliFixture.Run ex = shop.run(concat(db, "subject", "export", "--id", "1", "--out", export.toString()));
        ex.assertOk();
        assertThat(ex.out()).contains("exported 3 rows");
        assertThat(Files.readString(export)).contains("ada@example.com", "1 Old Street");
        assertThat(Files.list(export.getParent())).containsExactly(export);
        assertThat(Files.getPosixFilePermissions(export)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);

        CliFixture.Run dry = shop.run(concat(db, "subject", "erase", "--id", "1", "--dry-run"));
        dry.assertOk();
        assertThat(dry.out()).contains("(dry run)", "3 rows would change");
        assertThat(shop.count(shop.url, "SELECT COUNT(*) FROM users WHERE email = 'ada@example.com'")).isEqualTo(1);

        CliFixture.Run erase = shop.run(concat(db, "subject", "erase", "--id", "1"));
        erase.assertOk();
        assertThat(erase.out()).contains("completed, 3 rows changed");
        assertThat(shop.count(shop.url, "SELECT COUNT(*) FROM users WHERE email = 'ada@example.com'")).isZero();
        assertThat(shop.count(shop.url, "SELECT COUNT(*) FROM users WHERE email LIKE 'hmac:%'")).isEqualTo(1);
    }

    @Test
    void piiScanFlagsUnmappedColumns() throws Exception {
        try (var c = java.sql.DriverManager.getConnection(shop.url, "sa", CliFixture.DB_PASSWORD);
                var s = c.createStatement()) {
            s.execute("CREATE TABLE leads (id INT PRIMARY KEY, email VARCHAR(200), phone VARCHAR(40))");
            s.execute("INSERT INTO leads VALUES (1, 'lead@example.com', '+44 20 7946 0958')");
        }
        CliFixture.Run scan = shop.run(concat(db.subList(0, 6), "pii", "scan"));
        scan.assertOk();
        assertThat(scan.out()).containsIgnoringCase("leads.email").doesNotContain("lead@example.com");

        CliFixture.Run strict = shop.run(concat(db.subList(0, 6), "pii", "scan", "--fail-on-findings"));
        assertThat(strict.code()).isEqualTo(1);
    }

    @Test
    void inventoryFromThePolicyAlone() throws Exception {
        CliFixture.Run md = shop.run("inventory", "--map", shop.map.toString());
        md.assertOk();
        assertThat(md.out()).contains("customer account", "order fulfilment");
        CliFixture.Run html = shop.run("inventory", "--map", shop.map.toString(), "--format", "html", "--json");
        html.assertOk();
        assertThat(JSON.readTree(html.out()).get("result").get("document").asText()).contains("<table");
    }

    @Test
    void dailyRunsEverythingOnceThenNothingIsDue() throws Exception {
        CliFixture.Run first = shop.run(concat(common, "daily"));
        first.assertOk();
        assertThat(first.out()).contains("backup:       ran, completed to 2026-03-01", "PII deletion: ran, completed, 2 rows");
        assertThat(first.out()).contains("personal audit fields: disabled (personal audit fields are kept as long as "
                + "their records (audit.personalFieldsRetention))");

        JsonNode second = JSON.readTree(shop.run(concat(common, "daily", "--json")).out());
        assertThat(second.get("ok").asBoolean()).isTrue();
        assertThat(second.get("result").get("backup").get("state").asText()).isEqualTo("NOT_DUE");
        assertThat(second.get("result").get("piiDeletion").get("state").asText()).isEqualTo("NOT_DUE");
        assertThat(second.get("result").get("personalFieldsRetention").get("state").asText()).isEqualTo("DISABLED");
    }
}
