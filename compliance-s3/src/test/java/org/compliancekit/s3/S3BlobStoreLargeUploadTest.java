package org.compliancekit.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An object far larger than the heap streams through: a child JVM limited to 48 MiB of heap uploads more than
 * 100 MiB with the default 8 MiB parts, which only works if at most a couple of parts are held at a time.
 */
class S3BlobStoreLargeUploadTest {
    private static final long SIZE = 100L * 1024 * 1024 + 12_345;

    @Test
    void uploadsMoreThan100MiBFromA48MiBHeap() throws Exception {
        S3MockServer server = S3MockServer.shared();
        String bucket = "large-" + UUID.randomUUID();
        try (S3BlobStore store = server.storeWithNewBucket(bucket).build()) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx48m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), LargeUploadMain.class.getName(),
                    server.endpoint().toString(), bucket, "backups/big.bin", Long.toString(SIZE)))
                    .redirectErrorStream(true)
                    .start();
            String output;
            try (InputStream out = child.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as(output).isZero();

            MessageDigest read = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (InputStream in = store.get("backups/big.bin")) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    read.update(buffer, 0, n);
                    total += n;
                }
            }
            assertThat(total).isEqualTo(SIZE);
            assertThat(output).contains("sha256=" + HexFormat.of().formatHex(read.digest()));
            assertThat(store.delete(List.of("backups/big.bin"))).isEmpty();
        }
    }
}
