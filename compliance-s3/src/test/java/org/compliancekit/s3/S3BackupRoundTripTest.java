package org.compliancekit.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupResult.TableBackup;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.RestoreRequest;
import org.compliancekit.backup.RestoreResult;
import org.compliancekit.backup.VerifyResult;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A whole backup, verify and restore through S3: encrypted table files and the manifest go to S3Mock, one file
 * large enough to be a multipart upload; the restore into an empty store gives back every row, and a file changed
 * in the bucket fails verification.
 */
class S3BackupRoundTripTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC);
    private static final int NOTES = 24_000; // about 7 MiB of JSON: more than one 5 MiB part once encrypted

    @Test
    void backupVerifyRestoreThroughS3Mock() {
        backupVerifyRestore(S3MockServer.shared());
    }

    @Test
    void backupVerifyRestoreThroughS3rver() {
        backupVerifyRestore(S3rverServer.shared());
    }

    private void backupVerifyRestore(S3TestServer server) {
        String bucket = "round-trip-" + UUID.randomUUID();
        InMemoryDataStore source = filled(new InMemoryDataStore(schema()));
        try (S3BlobStore store = server.storeWithNewBucket(bucket).withKeyPrefix("shop")
                .withPartSize(S3BlobStoreBuilder.MIN_PART_SIZE).build();
                S3Client s3 = server.client()) {
            Backups backups = Backups.builder(source, store, InMemoryAuditLog.builder(java.time.Clock.systemUTC()).withSigner(CheckpointSigner.generate("audit-s3")).build())
                    .withKeys(KeyRing.single("k1", key()))
                    // uncompressed, so that the large table file needs several parts
                    .withSettings(BackupSettings.defaults().withEnabled(true)
                            .withCompression(org.compliancekit.backup.BackupCompression.NONE))
                    .withClock(CLOCK)
                    .build();

            BackupResult result = backups.backup();

            assertThat(result.status()).isEqualTo(BackupStatus.COMPLETED);
            assertThat(result.rows()).isEqualTo(5 + 5 + NOTES);
            TableBackup notes = result.tables().stream().filter(t -> t.table().equals("notes")).findFirst().orElseThrow();
            assertThat(notes.storedBytes()).isGreaterThan(S3BlobStoreBuilder.MIN_PART_SIZE);
            if (server instanceof S3MockServer) { // s3rver neither lists multipart uploads nor marks their ETags
                assertThat(s3.headObject(r -> r.bucket(bucket).key("shop/" + notes.objectKey())).eTag())
                        .as("the large table file went up in parts").contains("-");
                assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
            }

            VerifyResult verified = backups.verify(result.folder());
            assertThat(verified.problems()).isEmpty();
            assertThat(verified.ok()).isTrue();

            InMemoryDataStore target = new InMemoryDataStore(schema());
            RestoreResult restored = backups.restore(RestoreRequest.latest(), target);
            assertThat(restored.error()).isNull();
            assertThat(restored.restored()).isTrue();
            assertThat(restored.totalRows()).isEqualTo(result.rows());
            for (String table : List.of("users", "orders", "notes")) {
                assertThat(target.rows(table)).as(table).containsExactlyInAnyOrderElementsOf(source.rows(table));
            }

            String usersKey = "shop/" + result.tables().stream().filter(t -> t.table().equals("users")).findFirst()
                    .orElseThrow().objectKey();
            ResponseBytes<GetObjectResponse> users = s3.getObjectAsBytes(r -> r.bucket(bucket).key(usersKey));
            byte[] tampered = users.asByteArray();
            tampered[tampered.length / 2] ^= 1;
            s3.putObject(r -> r.bucket(bucket).key(usersKey), RequestBody.fromBytes(tampered));

            VerifyResult afterTampering = backups.verify(result.folder());
            assertThat(afterTampering.ok()).isFalse();
            assertThat(afterTampering.files()).filteredOn(f -> !f.ok()).extracting(VerifyResult.FileCheck::table)
                    .containsExactly("users");
        }
    }

    private static SchemaDescription schema() {
        TableSchema users = new TableSchema("users", List.of(
                ColumnSchema.of("id", SqlType.INTEGER, false),
                ColumnSchema.text("email", 200, false)), List.of("id"), List.of());
        TableSchema orders = new TableSchema("orders", List.of(
                ColumnSchema.of("id", SqlType.INTEGER, false),
                ColumnSchema.of("user_id", SqlType.INTEGER, false)),
                List.of("id"), List.of(new ForeignKey("fk_orders_user", List.of("user_id"), "users", List.of("id"))));
        TableSchema notes = new TableSchema("notes", List.of(
                ColumnSchema.of("id", SqlType.BIGINT, false),
                ColumnSchema.of("body", SqlType.TEXT, false)), List.of("id"), List.of());
        return SchemaDescription.of(orders, users, notes);
    }

    private static InMemoryDataStore filled(InMemoryDataStore store) {
        for (int i = 1; i <= 5; i++) {
            store.insert("users", Map.of("id", i, "email", "user" + i + "@example.com"));
            store.insert("orders", Map.of("id", 100 + i, "user_id", i));
        }
        Random random = new Random(3);
        for (long i = 1; i <= NOTES; i++) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("id", i);
            note.put("body", Long.toString(random.nextLong(), 36).repeat(20));
            store.insert("notes", note);
        }
        return store;
    }

    private static String key() {
        byte[] k = new byte[32];
        new Random(1).nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

}
