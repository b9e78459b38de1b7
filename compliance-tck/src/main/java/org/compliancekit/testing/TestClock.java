package org.compliancekit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock tests move by hand, so that expiry and retention can be checked without waiting. */
public final class TestClock extends Clock {
    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    /** A clock standing at {@code instant} (ISO-8601, e.g. {@code 2026-03-01T10:00:00Z}). */
    public TestClock(String instant) {
        this(Instant.parse(instant));
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** Puts the clock at {@code instant}. */
    public void set(Instant instant) {
        now = instant;
    }

    /** Puts the clock at {@code instant} (ISO-8601). */
    public void set(String instant) {
        set(Instant.parse(instant));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
