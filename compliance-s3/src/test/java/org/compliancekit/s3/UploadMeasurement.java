package org.compliancekit.s3;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Measures streaming uploads into S3Mock: for each heap limit given, a child JVM uploads one object with the default
 * 8 MiB parts; the table shows whether it fit and how fast it went, then one download is timed. Not a test: run by
 * hand, figures go to BENCHMARKS.md.
 *
 * <p>Arguments: size in MiB, then heap limits such as {@code 24m 32m 48m}.
 */
public final class UploadMeasurement {
    private UploadMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]) * 1024 * 1024;
        try (S3MockServer server = S3MockServer.startFresh()) {
            String bucket = "measure-" + UUID.randomUUID();
            try (S3BlobStore store = server.storeWithNewBucket(bucket).build()) {
                System.out.printf("%-6s %-6s %8s %9s%n", "heap", "result", "seconds", "MiB/s");
                for (int i = 1; i < args.length; i++) {
                    String heap = args[i];
                    long start = System.nanoTime();
                    Process child = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                            LargeUploadMain.class.getName(), server.endpoint().toString(), bucket, "m/" + heap,
                            Long.toString(size))).redirectErrorStream(true).start();
                    String output;
                    try (InputStream out = child.getInputStream()) {
                        output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    boolean ok = child.waitFor() == 0 && output.contains("sha256=");
                    if (!ok) {
                        System.out.println(output.lines().filter(l -> !l.isBlank()).limit(3).toList());
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "%-6s %-6s %8.1f %9s%n", heap, ok ? "ok" : "failed", seconds,
                            ok ? String.format(Locale.ROOT, "%.0f", size / 1048576.0 / seconds) : "-");
                }
                List<String> keys = new ArrayList<>();
                try (var listed = store.list("m/")) {
                    listed.forEach(b -> keys.add(b.key()));
                }
                if (!keys.isEmpty()) {
                    long start = System.nanoTime();
                    long read = 0;
                    try (InputStream in = store.get(keys.get(0))) {
                        byte[] buffer = new byte[64 * 1024];
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            read += n;
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "download of %d MiB: %.1f s, %.0f MiB/s%n", read >> 20, seconds,
                            read / 1048576.0 / seconds);
                }
            }
        }
    }
}
