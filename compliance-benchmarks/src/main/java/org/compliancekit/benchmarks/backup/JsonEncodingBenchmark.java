package org.compliancekit.benchmarks.backup;

import java.util.concurrent.TimeUnit;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.Backups;
import org.compliancekit.store.BlobStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Snapshot JSON encoding: a plain (unencrypted) backup of 200,000 generated rows into a blob store that discards
 * the bytes, so the figure is row generation + JSON encoding + SHA-256. rows/s = 200,000 × ops/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class JsonEncodingBenchmark {
    @Param({"200000"})
    long rows;

    @Param({"false", "true"})
    boolean encrypted;

    Backups backups;

    @Setup
    public void setUp() {
        BlobStore discard = new DiscardingBlobStore();
        backups = Backups.builder(new GeneratedDataStore(rows), discard, new NoAuditLog())
                .withKeys(BackupEndToEnd.benchKeys())
                .withSettings(BackupSettings.defaults().withEncrypted(encrypted)).build();
    }

    @Benchmark
    public long backup() {
        BackupResult r = backups.backup();
        return r.storedBytes();
    }
}
