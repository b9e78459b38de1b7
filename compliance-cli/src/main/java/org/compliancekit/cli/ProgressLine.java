package org.compliancekit.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One self-overwriting status line on a terminal: files done, the current one, megabytes moved and the rate.
 * Redrawn at most every 200 ms so that it costs nothing measurable; only created when a person watches.
 */
final class ProgressLine {
    private static final long REDRAW_MILLIS = 200;

    private final PrintWriter err;
    private final Clock clock;
    private final Instant start;
    private long bytes;
    private int files;
    private String current = "";
    private long lastDraw;
    private boolean drawn;

    ProgressLine(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.instant();
    }

    synchronized void startFile(String key) {
        current = key.substring(key.lastIndexOf('/') + 1);
        draw(true);
    }

    synchronized void endFile() {
        files++;
        draw(true);
    }

    synchronized void add(long n) {
        bytes += n;
        draw(false);
    }

    /** Ends the line so that what is printed next starts on its own. */
    synchronized void finish() {
        if (drawn) {
            draw(true);
            err.println();
            drawn = false;
        }
    }

    private void draw(boolean force) {
        long now = clock.millis();
        if (!force && now - lastDraw < REDRAW_MILLIS) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(Duration.between(start, clock.instant()).toMillis(), 1) / 1000.0;
        double mb = bytes / 1_048_576.0;
        err.printf(Locale.ROOT, "\r%d files done, %s: %.1f MB, %.1f MB/s   ", files, current, mb, mb / seconds);
        err.flush();
        drawn = true;
    }
}
