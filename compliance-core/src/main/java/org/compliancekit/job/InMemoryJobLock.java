package org.compliancekit.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.compliancekit.ConfigurationException;

/**
 * A {@link JobLock} for a single JVM (tests, single-instance deployments). Several instances of an application
 * need a shared lock instead, such as the JDBC module's ShedLock-backed one.
 */
public final class InMemoryJobLock implements JobLock {
    private final ConcurrentHashMap<String, Instant> held = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryJobLock() {
        this(Clock.systemUTC());
    }

    public InMemoryJobLock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Held> tryLock(String name, Duration atMostFor) {
        Objects.requireNonNull(name, "lock name");
        if (name.isEmpty()) {
            throw new ConfigurationException("lock name must not be empty");
        }
        if (atMostFor == null || atMostFor.isNegative() || atMostFor.isZero()) {
            throw new ConfigurationException("lock " + name + " needs a positive atMostFor, was " + atMostFor);
        }
        Instant now = clock.instant();
        Instant until = now.plus(atMostFor);
        boolean[] acquired = {false};
        held.compute(name, (k, current) -> {
            if (current == null || !current.isAfter(now)) {
                acquired[0] = true;
                return until;
            }
            return current;
        });
        if (!acquired[0]) {
            return Optional.empty();
        }
        return Optional.of(() -> held.remove(name, until));
    }
}
