package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void aHostileTableNameCannotMoveTheCursorOrEndTheLine() {
        StringWriter out = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(out, true),
                Clock.fixed(Instant.parse("2026-03-01T03:00:00Z"), ZoneOffset.UTC));

        line.update("orders\u001b[2J\nbackup main/2026-03-01 completed\r", 10, false);
        line.finish();

        String drawn = out.toString();
        assertThat(drawn).doesNotContain("\u001b").contains("orders\\e[2J\\nbackup main/2026-03-01 completed\\r");
        // the line's own carriage returns start each redraw; the only line break is the one that ends it
        assertThat(drawn.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}
