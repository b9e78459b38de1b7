package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.cli.CliFixture.concat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes, one-line reasons, stack traces only on request, help everywhere. */
class CliErrorsTest {
    @TempDir
    Path dir;
    CliFixture shop;

    @BeforeEach
    void setUp() throws Exception {
        shop = new CliFixture(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "keygen", "backup", "verify-backup", "restore", "cleanup", "audit", "audit verify",
            "audit list", "retention", "retention plan", "retention run", "subject", "subject export", "subject erase",
            "pii", "pii scan", "inventory", "daily"})
    void everyCommandHasHelp(String command) {
        List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        CliFixture.Run r = shop.run(args);
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: compliance" + (command.isEmpty() ? "" : " " + command));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theDailyHelpNamesEveryStepOfTheJob() {
        CliFixture.Run r = shop.run("daily", "--help");
        // help text wraps at the terminal width: compare with the line breaks taken out
        String help = r.out().replaceAll("\\s+", " ");
        assertThat(help).contains("backup", "cleanup", "PII deletion", "audit retention",
                "personal audit field erasure");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliFixture.Run r = shop.run("backup", "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("--bogus", "compliance backup --help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        CliFixture.Run r = shop.run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("name a command");
    }

    @Test
    void missingMapIsAConfigurationErrorWithoutATrace() {
        CliFixture.Run r = shop.run("retention", "plan", "--jdbc-url", shop.url, "--user", "sa", "--map",
                dir.resolve("nope.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("--map", "nope.yaml", "does not exist");
    }

    @Test
    void verboseShowsTheTrace() {
        CliFixture.Run r = shop.run("retention", "plan", "--verbose", "--jdbc-url", shop.url, "--map",
                dir.resolve("nope.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist", "\tat org.compliancekit.cli.");
    }

    @Test
    void aPolicyThatDoesNotFitTheSchemaIsAConfigurationError() throws Exception {
        Path bad = java.nio.file.Files.writeString(dir.resolve("bad.yaml"),
                CliFixture.POLICY.replace("shipping_address: redact", "no_such_column: redact"));
        CliFixture.Run r = shop.run("retention", "plan", "--jdbc-url", shop.url, "--user", "sa", "--map",
                bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().containsIgnoringCase("no_such_column");
    }

    @Test
    void policyWarningsGoToStandardErrorAndTheCommandStillRuns() throws Exception {
        Path lenient = java.nio.file.Files.writeString(dir.resolve("lenient.yaml"),
                CliFixture.POLICY.replace("retention: 20d", "retention: 45d"));
        CliFixture.Run r = shop.run("retention", "plan", "--jdbc-url", shop.url, "--user", "sa", "--map",
                lenient.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err().lines()).singleElement().asString().startsWith("WARNING backup.retention");
        assertThat(r.out()).contains("rows would change");
    }

    @Test
    void wrongDatabasePasswordFailsWithoutEchoingIt() {
        CliFixture.Run r = shop.run("audit", "verify", "--jdbc-url", shop.url, "--user", "nobody");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement();
        assertThat(r.err()).doesNotContain(CliFixture.DB_PASSWORD).doesNotContain("\tat ");
    }

    @Test
    void aPasswordInTheUrlIsRefused() {
        CliFixture.Run r = shop.run("audit", "verify", "--jdbc-url", shop.url + ";PASSWORD=" + CliFixture.DB_PASSWORD);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("COMPLIANCE_DB_PASSWORD")
                .doesNotContain(CliFixture.DB_PASSWORD);
    }

    @Test
    void aFailureWithJsonIsAlsoAJsonDocument() throws Exception {
        java.nio.file.Files.createDirectories(shop.store);
        CliFixture.Run r = shop.run("verify-backup", "--json", "--store", shop.store.toString(), "--map",
                plainPolicy().toString());
        assertThat(r.code()).isEqualTo(1);
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(doc.get("command").asText()).isEqualTo("verify-backup");
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("error").asText()).contains("no complete backup");
        assertThat(r.err().lines()).singleElement();
    }

    @Test
    void missingKeyFileIsAConfigurationError() {
        CliFixture.Run r = shop.run(concat(List.of("--jdbc-url", shop.url, "--user", "sa", "--map",
                shop.map.toString(), "--store", shop.store.toString(), "--key-file",
                dir.resolve("absent.key").toString()), "backup"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--key-file", "absent.key");
    }

    @Test
    void anEncryptedBackupWithoutKeysIsRefused() {
        CliFixture.Run r = shop.run(concat(List.of("--jdbc-url", shop.url, "--user", "sa", "--map",
                shop.map.toString(), "--store", shop.store.toString()), "backup"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://", "s3:///prefix"})
    void anS3StoreNeedsABucket(String store) {
        CliFixture.Run r = shop.run("verify-backup", "--store", store);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("verify-backup: ").contains("names no bucket");
    }

    @Test
    void s3OptionsDoNotApplyToADirectory() {
        CliFixture.Run r = shop.run("verify-backup", "--store", shop.store.toString(), "--s3-region", "eu-west-1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("apply to an s3:// --store only");
    }

    @Test
    void anOutOfRangeLimitIsAUsageError() {
        CliFixture.Run r = shop.run("audit", "list", "--jdbc-url", shop.url, "--user", "sa", "--limit", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("audit list: ").contains("--limit");
    }

    @Test
    void nothingToVerifyFails() throws Exception {
        java.nio.file.Files.createDirectories(shop.store);
        CliFixture.Run r = shop.run("verify-backup", "--store", shop.store.toString(), "--map",
                plainPolicy().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no complete backup of set 'main'");
    }

    /** A policy whose backups are not encrypted, so that reading them needs no key. */
    private Path plainPolicy() throws java.io.IOException {
        return java.nio.file.Files.writeString(dir.resolve("plain.yaml"),
                CliFixture.POLICY.replace("enabled: true", "enabled: true\n  encrypted: false"));
    }
}
