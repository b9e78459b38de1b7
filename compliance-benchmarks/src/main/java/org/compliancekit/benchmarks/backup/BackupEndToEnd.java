package org.compliancekit.benchmarks.backup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.store.FileSystemBlobStore;

/**
 * End-to-end backup of one generated table (about 200 bytes a row) to {@link FileSystemBlobStore}.
 *
 * <pre>
 * rows=1000000 mode=compare warmups=3 repeats=5 dir=/tmp/ck-bench   after the warm-up runs, plain and
 *                                                   encrypted runs alternate; prints the median of each and the ratio
 * rows=10000000 mode=encrypted repeats=1                   one run; run with -Xmx64m to show memory stays flat
 * </pre>
 *
 * Each run's folder is deleted after it is measured, so disk use stays at one backup.
 */
public final class BackupEndToEnd {
    private BackupEndToEnd() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new HashMap<>(Map.of("rows", "1000000", "mode", "compare", "repeats", "3",
                "warmups", "3", "dir", System.getProperty("java.io.tmpdir") + "/ck-backup-bench"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        long rows = Long.parseLong(opts.get("rows"));
        int repeats = Integer.parseInt(opts.get("repeats"));
        Path dir = Path.of(opts.get("dir"));
        String mode = opts.get("mode");
        System.out.printf("rows=%d mode=%s repeats=%d maxHeap=%d MiB cpus=%d java=%s%n", rows, mode, repeats,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        List<Long> plain = new ArrayList<>();
        List<Long> encrypted = new ArrayList<>();
        if (mode.equals("compare")) {
            // Warm-up: the JIT compiles the AES-GCM and SHA-256 intrinsics only after a few hundred segments.
            for (int i = 0; i < Integer.parseInt(opts.get("warmups")); i++) {
                run(dir, rows, false);
                run(dir, rows, true);
            }
            CPU.values().forEach(List::clear);
            for (int i = 0; i < repeats; i++) {
                plain.add(run(dir, rows, false));
                encrypted.add(run(dir, rows, true));
            }
            System.out.printf("RESULT CPU time median plain %d ms, encrypted %d ms, ratio %.3f%n",
                    median(CPU.get(false)), median(CPU.get(true)),
                    (double) median(CPU.get(true)) / median(CPU.get(false)));
            long p = median(plain);
            long e = median(encrypted);
            System.out.printf("RESULT plain median %d ms (%.0f rows/s), encrypted median %d ms (%.0f rows/s), "
                    + "ratio encrypted/plain %.3f%n", p, rows * 1000.0 / p, e, rows * 1000.0 / e, (double) e / p);
        } else {
            for (int i = 0; i < repeats; i++) {
                encrypted.add(run(dir, rows, mode.equals("encrypted")));
            }
            System.out.printf("RESULT median %d ms (%.0f rows/s), peak heap used %d MiB%n", median(encrypted),
                    rows * 1000.0 / median(encrypted), peakHeapMiB());
        }
    }

    /** Process CPU time (all threads) of each run, in ms, by mode; the machine is shared, so CPU time is steadier. */
    private static final Map<Boolean, List<Long>> CPU = new HashMap<>(Map.of(false, new ArrayList<>(), true,
            new ArrayList<>()));

    /** One backup into a fresh store under {@code dir}; returns wall time in ms. */
    private static long run(Path dir, long rows, boolean encrypted) throws IOException {
        delete(dir);
        Backups backups = Backups.builder(new GeneratedDataStore(rows), FileSystemBlobStore.at(dir), new NoAuditLog())
                .withKeys(benchKeys()).withSettings(BackupSettings.defaults().withEncrypted(encrypted)).build();
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        BackupResult r = backups.backup();
        long ms = (System.nanoTime() - start) / 1_000_000;
        long cpuMs = (cpuNanos() - cpuStart) / 1_000_000;
        CPU.get(encrypted).add(cpuMs);
        if (r.status() != BackupStatus.COMPLETED) {
            throw new IllegalStateException("benchmark backup ended " + r.status() + ": " + r.failures());
        }
        System.out.printf("%-9s %,d rows, %,d bytes stored, %d ms wall, %d ms CPU, peak heap used %d MiB%n",
                encrypted ? "encrypted" : "plain", r.rows(), r.storedBytes(), ms, cpuMs, peakHeapMiB());
        delete(dir);
        return ms;
    }

    static KeyRing benchKeys() {
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        return KeyRing.single("bench", Base64.getEncoder().encodeToString(key));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
