package org.compliancekit.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.compliancekit.backup.BackupProgress;

/**
 * One self-overwriting status line on a terminal: tables done, the table heard from last and its rows, rows over
 * all tables (those read in parallel included), megabytes moved through the backup store and the rate. Redrawn at most every 200 ms; only created when a
 * person watches ({@link CliEnvironment#terminal()}).
 */
final class ProgressLine implements BackupProgress {
    private static final long REDRAW_MILLIS = 200;

    private final PrintWriter err;
    private final Clock clock;
    private final Instant start;
    private long bytes;
    private int tablesDone;
    private long rowsDone;
    private String table = "";
    private long tableRows;
    private final Map<String, Long> inFlight = new HashMap<>();
    private long inFlightRows;
    private long lastDraw;
    private boolean drawn;

    ProgressLine(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.instant();
    }

    @Override
    public synchronized void update(String table, long rows, boolean done) {
        this.table = table;
        this.tableRows = rows;
        // a backup reading tables in parallel reports several tables in turn: each counts once in the total
        Long before = done ? inFlight.remove(table) : inFlight.put(table, rows);
        inFlightRows += (done ? 0 : rows) - (before == null ? 0 : before);
        if (done) {
            tablesDone++;
            rowsDone += rows;
            tableRows = 0;
        }
        draw(true);
    }

    /** Bytes moved through the backup store. */
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
        err.printf(Locale.ROOT, "\r%d tables done, %,d rows | %s %,d rows | %.1f MB, %.1f MB/s   ", tablesDone,
                rowsDone + inFlightRows, Terminal.safe(table), tableRows, mb, mb / seconds);
        err.flush();
        drawn = true;
    }
}
