package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.cli.CliFixture.concat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every command outside the daily job that fails leaves a {@code failed} record in the audit trail, also when it
 * fails before its engine started (a store that cannot be opened, an invalid policy, a refused signing key), and the
 * command's closing checkpoint covers it.
 */
class CliFailureRecordsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    CliFixture shop;
    Path key;
    Path auditKey;
    List<String> db;

    @BeforeEach
    void setUp() throws Exception {
        shop = new CliFixture(dir);
        key = dir.resolve("keys/k2026.key");
        auditKey = dir.resolve("keys/audit-1.properties");
        shop.run("keygen", "--out", key.toString()).assertOk();
        shop.run("keygen", "--audit", "--out", auditKey.toString()).assertOk();
        db = List.of("--jdbc-url", shop.url, "--user", "sa", "--map", shop.map.toString(), "--audit-key-file",
                auditKey.toString());
    }

    @AfterEach
    void noSecretsAnywhere() throws Exception {
        shop.assertNoSecretsPrinted(key, auditKey);
    }

    private List<String> withStore(Path store) {
        return concat(db, "--store", store.toString(), "--key-file", key.toString());
    }

    @ParameterizedTest
    @CsvSource({"backup, backup", "cleanup, backup_cleanup"})
    void aCommandWhoseStoreCannotBeUsedIsRecordedFailed(String command, String type) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("backups-file"), "not a folder");
        CliFixture.Run r = shop.run(concat(withStore(notAFolder), command));

        assertThat(r.code()).isNotZero();
        assertFailedRecord(type, command);
    }

    @Test
    void aRestoreFromAStoreThatDoesNotExistIsRecordedFailed() {
        CliFixture.Run r = shop.run(concat(withStore(dir.resolve("no-such-store")), "restore"));

        assertThat(r.code()).isNotZero();
        assertFailedRecord("data_import", "restore");
    }

    @Test
    void aFailureAfterTheCommandsOwnKeyFileWarningIsStillRecorded() throws Exception {
        // A group-readable key file makes the command append a warning record before anything fails.
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Path empty = Files.createDirectories(dir.resolve("empty-store"));
        CliFixture.Run r = shop.run(concat(withStore(empty), "restore"));

        assertThat(r.code()).isNotZero();
        assertThat(records()).anyMatch(n -> n.get("event").get("type").asText().equals("key_file_warning"));
        assertFailedRecord("data_import", "restore");
    }

    @Test
    void aRetentionRunWithAPolicyThatDoesNotFitTheSchemaIsRecordedFailed() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"),
                CliFixture.POLICY.replace("shipping_address: redact", "no_such_column: redact"));
        CliFixture.Run r = shop.run("retention", "run", "--jdbc-url", shop.url, "--user", "sa", "--map",
                bad.toString(), "--audit-key-file", auditKey.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().containsIgnoringCase("no_such_column");
        assertFailedRecord("pii_deletion", "retention run");
    }

    @Test
    void aSubjectExportThatCannotWriteItsFileIsRecordedFailed() throws Exception {
        Path taken = Files.writeString(dir.resolve("taken.json"), "{}");
        CliFixture.Run r = shop.run(concat(db, "subject", "export", "--id", "1", "--out", taken.toString()));

        assertThat(r.code()).isEqualTo(2);
        assertFailedRecord("data_export", "subject export");
    }

    @Test
    void aSubjectErasureWithAnIdOfTheWrongFormIsRecordedFailed() {
        CliFixture.Run r = shop.run(concat(db, "subject", "erase", "--id", "one"));

        assertThat(r.code()).isEqualTo(2);
        assertFailedRecord("user_deletion", "subject erase");
    }

    @Test
    void aSubjectErasureThatRunsIsJournaled() {
        shop.run(concat(db, "subject", "erase", "--id", "2")).assertOk();

        List<JsonNode> records = records();
        JsonNode closing = records.stream().filter(n -> n.get("event").get("type").asText().equals("user_deletion"))
                .findFirst().orElseThrow();
        JsonNode started = records.stream().filter(n -> n.get("event").get("type").asText().equals("run_started"))
                .findFirst().orElseThrow();
        assertThat(closing.get("event").get("details").get("run_id").asText())
                .isEqualTo(started.get("event").get("details").get("run_id").asText());
    }

    @Test
    void anAuditCheckpointWithARefusedKeyIsRecordedFailed() throws Exception {
        shop.run(concat(db, "audit", "checkpoint")).assertOk();
        Path impostor = dir.resolve("other-keys/audit-1.properties");
        shop.run("keygen", "--audit", "--out", impostor.toString()).assertOk();
        CliFixture.Run refused = shop.run("audit", "checkpoint", "--jdbc-url", shop.url, "--user", "sa",
                "--audit-key-file", impostor.toString());

        assertThat(refused.code()).isEqualTo(2);
        JsonNode failed = assertFailedRecord("config_change", "audit checkpoint");
        assertThat(failed.get("event").get("details").get("action").asText()).isEqualTo("audit_checkpoint");
        shop.assertNoSecretsPrinted(impostor);
    }

    /** The newest record of {@code type} is a failure of {@code command}; the chain still verifies. */
    private JsonNode assertFailedRecord(String type, String command) {
        JsonNode newest = records().stream().filter(n -> n.get("event").get("type").asText().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " record in " + records()));
        JsonNode event = newest.get("event");
        assertThat(event.get("status").asText()).isEqualToIgnoringCase("failed");
        if (command != null) {
            assertThat(event.get("details").get("command").asText()).isEqualTo(command);
        }
        assertThat(event.get("details").get("error").asText()).isNotBlank();
        shop.run("audit", "verify", "--jdbc-url", shop.url, "--user", "sa", "--audit-key-file", auditKey.toString())
                .assertOk();
        return newest;
    }

    private List<JsonNode> records() {
        CliFixture.Run r = shop.run("audit", "list", "--json", "--jdbc-url", shop.url, "--user", "sa");
        try {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(r.out()).get("result").forEach(out::add);
            return out;
        } catch (Exception e) {
            throw new AssertionError("audit list printed no JSON: " + r.out() + r.err(), e);
        }
    }
}
