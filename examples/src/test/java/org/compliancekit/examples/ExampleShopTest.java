package org.compliancekit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleShopTest {

    private static String run(Path dir, Clock clock) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean verified = ExampleShop.run(dir, clock, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(verified).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstRunBacksUpThenDeletesAndTheSecondFindsNothingToDo(@TempDir Path dir) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T03:00:00Z"), ZoneOffset.UTC);
        String first = run(dir, clock);

        assertThat(first).contains("(created with demo data)")
                .containsPattern("backup: completed to 2026-06-01 — 10 tables, \\d+ rows")
                .contains("PII deletion: completed")
                .containsPattern("orders\\s+anonymize\\s+orders\\s+20 rows")
                .containsPattern("contacts\\s+delete\\s+contacts\\s+5 rows")
                .containsPattern("subscribers\\s+delete\\s+subscribers\\s+4 rows")
                .containsPattern("feedback\\s+delete\\s+feedback\\s+10 rows")
                .containsPattern("coupon-usage\\s+anonymize\\s+coupon_usage\\s+10 rows")
                // each of the three runs: run_started, its outcome; the deletion also one run_progress per rule (5)
                .contains("audit events written: 11")
                .containsPattern("#2 backup\\s+completed").containsPattern("#4 backup_cleanup\\s+completed")
                .containsPattern("#11 pii_deletion\\s+completed")
                .contains("audit chain: verified");
        assertThat(first).doesNotContain("COMPLIANCE_AUDIT").doesNotContain("SHEDLOCK").doesNotContain("SITE ");
        try (Stream<Path> files = Files.walk(dir.resolve("backups"))) {
            assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith("manifest.json"))
                    .anyMatch(f -> f.endsWith(".json.zst.enc"));
        }

        String second = run(dir, Clock.offset(clock, Duration.ofHours(1)));
        assertThat(second).contains("backup: not due").contains("PII deletion: not due")
                .contains("rows it would change now: 0").contains("audit events written: 0")
                .contains("audit chain: verified");

        // A day later both are due again, and the rows that were a day short of their period now expire.
        String nextDay = run(dir, Clock.offset(clock, Duration.ofDays(1)));
        assertThat(nextDay).contains("backup: completed to 2026-06-02").contains("backup cleanup: 0 folders deleted")
                .containsPattern("PII deletion: completed, [1-9]\\d* rows changed");
    }
}
