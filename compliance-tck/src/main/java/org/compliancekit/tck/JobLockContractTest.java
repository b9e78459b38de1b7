package org.compliancekit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.compliancekit.ConfigurationException;
import org.compliancekit.job.JobLock;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link JobLock} promises: one holder per name at a time, released on close, released after
 * {@code atMostFor} even when the holder never closes it, a late close by a holder whose lease ran out releasing
 * nothing of the next holder's, and bad arguments refused. An implementation's test
 * extends this class; {@link #instance()} returns a lock on the same shared state each call, as a second
 * application instance would see it.
 */
public abstract class JobLockContractTest {

    /** A lock object over the state shared by every call of this method in one test (one per application instance). */
    protected abstract JobLock instance();

    /**
     * Lets {@code d} pass for the locks' expiry. The default sleeps, for implementations that expire on a clock
     * they do not take from the test (such as a database's); a test with its own clock moves it instead.
     */
    protected void letTimePass(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /** The {@code atMostFor} used by the expiry test: short enough to wait for. */
    protected Duration shortLease() {
        return Duration.ofSeconds(1);
    }

    @Test
    void aHeldLockIsRefusedToASecondInstanceUntilClosed() {
        JobLock first = instance();
        JobLock second = instance();
        Optional<JobLock.Held> held = first.tryLock("daily", Duration.ofMinutes(5));
        assertThat(held).as("a free lock is taken").isPresent();

        assertThat(second.tryLock("daily", Duration.ofMinutes(5))).as("held by the first instance").isEmpty();
        assertThat(first.tryLock("daily", Duration.ofMinutes(5))).as("held, even for the holder's own object")
                .isEmpty();

        held.get().close();
        Optional<JobLock.Held> again = second.tryLock("daily", Duration.ofMinutes(5));
        assertThat(again).as("released on close").isPresent();
        again.get().close();
    }

    @Test
    void locksOfDifferentNamesAreIndependent() {
        JobLock lock = instance();
        Optional<JobLock.Held> a = lock.tryLock("job-a", Duration.ofMinutes(5));
        Optional<JobLock.Held> b = instance().tryLock("job-b", Duration.ofMinutes(5));
        assertThat(a).isPresent();
        assertThat(b).isPresent();
        b.get().close();
        assertThat(instance().tryLock("job-a", Duration.ofMinutes(5))).as("closing b leaves a held").isEmpty();
        a.get().close();
    }

    @Test
    void aLockNeverClosedIsReleasedAfterAtMostFor() throws InterruptedException {
        Optional<JobLock.Held> abandoned = instance().tryLock("crashed", shortLease());
        assertThat(abandoned).isPresent();
        assertThat(instance().tryLock("crashed", Duration.ofMinutes(5))).as("still within atMostFor").isEmpty();

        letTimePass(shortLease().multipliedBy(2));

        Optional<JobLock.Held> taken = instance().tryLock("crashed", Duration.ofMinutes(5));
        assertThat(taken).as("released after atMostFor though never closed").isPresent();
        taken.get().close();
    }

    @Test
    void closingAnExpiredLockLeavesTheNextHolderInPlace() throws InterruptedException {
        Optional<JobLock.Held> stale = instance().tryLock("overrun", shortLease());
        assertThat(stale).isPresent();
        letTimePass(shortLease().multipliedBy(2));
        Optional<JobLock.Held> next = instance().tryLock("overrun", Duration.ofMinutes(5));
        assertThat(next).as("taken after the first holder's atMostFor").isPresent();

        // The first holder overran its lease and finishes late: its close must not release the new holder.
        stale.get().close();
        assertThat(instance().tryLock("overrun", Duration.ofMinutes(5)))
                .as("still held by the second holder after the stale holder closed").isEmpty();
        next.get().close();
        Optional<JobLock.Held> free = instance().tryLock("overrun", Duration.ofMinutes(5));
        assertThat(free).as("released by its own holder").isPresent();
        free.get().close();
    }

    @Test
    void badArgumentsAreRefused() {
        JobLock lock = instance();
        assertThatThrownBy(() -> lock.tryLock(null, Duration.ofMinutes(5)))
                .isInstanceOfAny(NullPointerException.class, ConfigurationException.class);
        assertThatThrownBy(() -> lock.tryLock("", Duration.ofMinutes(5))).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> lock.tryLock("daily", null)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> lock.tryLock("daily", Duration.ZERO)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> lock.tryLock("daily", Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigurationException.class);
        Optional<JobLock.Held> held = lock.tryLock("daily", Duration.ofMinutes(5));
        assertThat(held).as("a refused call took nothing").isPresent();
        held.get().close();
    }
}
