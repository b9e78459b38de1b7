package org.compliancekit.s3;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.compliancekit.store.BlobStore.BlobOutput;

/**
 * Run in a JVM of its own with a small heap by {@link S3BlobStoreLargeUploadTest}: streams a large generated object
 * into an S3 store with the default part size and prints its SHA-256, so the parent can check what arrived.
 *
 * <p>Arguments: endpoint, bucket, key, size in bytes.
 */
public final class LargeUploadMain {
    private LargeUploadMain() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String bucket = args[1];
        String key = args[2];
        long size = Long.parseLong(args[3]);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(7);
        byte[] chunk = new byte[64 * 1024 + 5];
        try (S3BlobStore store = S3BlobStore.builder(bucket).withEndpoint(endpoint).withPathStyleAccess(true)
                .withRegion("us-east-1").withCredentials(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY).build();
                BlobOutput out = store.put(key)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                for (int i = 0; i < n; i += 8) {
                    long r = random.nextLong();
                    for (int j = 0; j < 8 && i + j < n; j++) {
                        chunk[i + j] = (byte) (r >>> (8 * j));
                    }
                }
                out.write(chunk, 0, n);
                digest.update(chunk, 0, n);
                left -= n;
            }
        }
        System.out.println("sha256=" + HexFormat.of().formatHex(digest.digest()));
    }
}
