package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.cli.CliFixture.concat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and streams, key checks, read-only commands and hostile names, as an operator meets them. */
class CliHardeningTest {
    @TempDir
    Path dir;
    CliFixture shop;
    Path key;
    Path auditKey;
    List<String> common;

    @BeforeEach
    void setUp() throws Exception {
        shop = new CliFixture(dir);
        key = dir.resolve("keys/k2026.key");
        auditKey = dir.resolve("keys/audit-1.properties");
        shop.run("keygen", "--out", key.toString()).assertOk();
        shop.run("keygen", "--audit", "--out", auditKey.toString()).assertOk();
        common = shop.common(key, auditKey);
    }

    @AfterEach
    void noSecretsAnywhere() throws Exception {
        shop.assertNoSecretsPrinted(key, auditKey);
    }

    @Test
    void aPolicyFileThatIsNotUtf8IsAConfigurationError() throws Exception {
        Path bad = Files.write(dir.resolve("latin1.yaml"), new byte[] {'v', ':', ' ', (byte) 0xe9, '\n'});
        CliFixture.Run r = shop.run("retention", "plan", "--jdbc-url", shop.url, "--user", "sa", "--map",
                bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not UTF-8");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anOutOfRangeDurationIsAConfigurationErrorThatDoesNotEchoTheNumber() throws Exception {
        Path bad = Files.writeString(dir.resolve("huge.yaml"), CliFixture.POLICY.replace("retention: 20d",
                "retention: 99999999999999999999d"));
        CliFixture.Run r = shop.run("retention", "plan", "--jdbc-url", shop.url, "--user", "sa", "--map",
                bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("backup.retention").doesNotContain("99999").doesNotContain("For input string");
    }

    @Test
    void readingABackupWithoutAKeyIsAConfigurationError() {
        shop.run(concat(common, "backup")).assertOk();
        CliFixture.Run verify = shop.run("verify-backup", "--store", shop.store.toString());
        assertThat(verify.code()).isEqualTo(2);
        assertThat(verify.err()).contains("--key-file is required");
        CliFixture.Run restore = shop.run("restore", "--jdbc-url", shop.url, "--user", "sa", "--store",
                shop.store.toString());
        assertThat(restore.code()).isEqualTo(2);
        assertThat(restore.err()).contains("--key-file is required");
    }

    @Test
    void badS3OptionsAreUsageErrors() {
        CliFixture.Run zero = shop.run("verify-backup", "--store", "s3://bucket/x", "--s3-call-timeout", "0s",
                "--key-file", key.toString());
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--s3-call-timeout");
        CliFixture.Run onDirectory = shop.run(concat(common, "backup", "--s3-attempt-timeout", "30s"));
        assertThat(onDirectory.code()).isEqualTo(2);
        assertThat(onDirectory.err()).contains("s3://");
    }

    @Test
    void verifyBackupWithAMistypedStoreCreatesNothing() {
        Path typo = dir.resolve("backupz");
        CliFixture.Run r = shop.run("verify-backup", "--store", typo.toString(), "--key-file", key.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
        assertThat(typo).doesNotExist();
    }

    @Test
    void restoreFromAMistypedStoreCreatesNothing() throws Exception {
        String target = shop.createShop("target", false);
        Path typo = dir.resolve("backupz");
        CliFixture.Run r = shop.run("restore", "--jdbc-url", target, "--user", "sa", "--store", typo.toString(),
                "--key-file", key.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
        assertThat(typo).doesNotExist();
    }

    @Test
    void readingTheAuditTrailOfAFreshDatabaseCreatesNoTable() throws Exception {
        String fresh = shop.createShop("fresh", false);
        CliFixture.Run list = shop.run("audit", "list", "--jdbc-url", fresh, "--user", "sa");
        CliFixture.Run verify = shop.run("audit", "verify", "--jdbc-url", fresh, "--user", "sa");
        assertThat(list.code()).isNotZero();
        assertThat(verify.code()).isNotZero();
        assertThat(list.err()).contains("compliance_audit");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(fresh, "sa", CliFixture.DB_PASSWORD);
                java.sql.ResultSet rs = c.getMetaData().getTables(null, null, "COMPLIANCE_AUDIT%", null)) {
            assertThat(rs.next()).as("an audit table was created by a read-only command").isFalse();
        }
    }

    @Test
    void anAllZeroKeyIsRefused() throws Exception {
        Path zero = Files.writeString(dir.resolve("keys/zero.key"), Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(zero, PosixFilePermissions.fromString("rw-------"));
        CliFixture.Run r = shop.run(concat(shop.common(zero, auditKey), "backup"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'zero'", "degenerate");
        assertThat(shop.store).doesNotExist();
    }

    @Test
    void aKeyFileOthersMayReadIsUsedWithAWarningOnStandardErrorAndInTheAuditTrail() throws Exception {
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        CliFixture.Run r = shop.run(concat(common, "backup"));
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning: --key-file " + key + " is readable by group and others", "chmod 600");
        CliFixture.Run audit = shop.run("audit", "list", "--jdbc-url", shop.url, "--user", "sa", "--json");
        assertThat(audit.out()).contains(SecretFiles.KEY_FILE_WARNING).contains("readable by group and others");
    }

    @Test
    void hostileTableNamesAreEscapedInEveryLine() throws Exception {
        String hostile = "evil\u001b[2J\nbackup main/FORGED completed\r\u202e";
        try (Connection c = DriverManager.getConnection(shop.url, "sa", CliFixture.DB_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"" + hostile + "\" (id INT PRIMARY KEY)");
            s.execute("INSERT INTO \"" + hostile + "\" VALUES (1)");
        }
        CliFixture.Run backup = shop.run(concat(common, "backup"));
        CliFixture.Run verify = shop.run("verify-backup", "--store", shop.store.toString(), "--key-file",
                key.toString());
        for (CliFixture.Run r : List.of(backup, verify)) {
            String all = r.out() + r.err();
            assertThat(all).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u202e")
                    .contains("evil\\e[2J\\nbackup main/FORGED completed\\r\\u202e");
            assertThat(all.lines().filter(l -> l.startsWith("backup main/FORGED"))).isEmpty();
        }
        assertThat(backup.code()).isZero();
        assertThat(verify.code()).isZero();
    }

    @Test
    void aFailedVerificationGoesToStandardError() throws Exception {
        shop.run(concat(common, "backup")).assertOk();
        Path other = dir.resolve("keys/other.key");
        shop.run("keygen", "--out", other.toString()).assertOk();
        CliFixture.Run r = shop.run("verify-backup", "--store", shop.store.toString(), "--key-file", other.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("FAILED");
    }

    @Test
    void cleanupOnATerminalListsTheTemporaryFilesItDeleted() throws Exception {
        shop.run(concat(common, "backup")).assertOk();
        Path temp = shop.store.resolve("backups/main/2026-02-20/.users.json.enc.0b5c2d4e.cktmp");
        Files.createDirectories(temp.getParent());
        Files.write(temp, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(temp, java.nio.file.attribute.FileTime.from(
                java.time.Instant.parse("2026-02-20T03:00:00Z")));

        CliFixture.Run r = shop.run(concat(common, "cleanup"), true);

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("1 folders and 1 unfinished files deleted",
                "deleted folder 2026-02-20", "deleted unfinished file backups/main/2026-02-20/.users.json.enc");
        assertThat(temp.getParent()).doesNotExist();
    }
}
