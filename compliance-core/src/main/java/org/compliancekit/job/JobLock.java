package org.compliancekit.job;

import java.time.Duration;
import java.util.Optional;

/**
 * Makes a job run on one application instance at a time. Implementations: in memory here (one JVM), ShedLock
 * over JDBC in {@code compliance-jdbc} (a cluster).
 */
public interface JobLock {

    /**
     * Tries to take the lock {@code name} without waiting.
     *
     * @param atMostFor the lock is released after this even if the holder dies
     * @return the held lock, or empty when another instance holds it
     * @throws NullPointerException when {@code name} is null
     * @throws org.compliancekit.ConfigurationException when {@code name} is empty or {@code atMostFor} is not
     *     positive
     */
    Optional<Held> tryLock(String name, Duration atMostFor);

    /** A lock this instance holds; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
