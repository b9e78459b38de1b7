package org.compliancekit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.compliancekit.ConfigurationException;
import org.junit.jupiter.api.Test;

class InMemoryJobLockTest {

    static final class MutableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-06-01T03:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void oneHolderAtATimeUntilReleased() {
        InMemoryJobLock lock = new InMemoryJobLock();
        Optional<JobLock.Held> first = lock.tryLock("daily", Duration.ofMinutes(5));
        assertThat(first).isPresent();
        assertThat(lock.tryLock("daily", Duration.ofMinutes(5))).isEmpty();
        assertThat(lock.tryLock("other", Duration.ofMinutes(5))).isPresent();
        first.get().close();
        assertThat(lock.tryLock("daily", Duration.ofMinutes(5))).isPresent();
    }

    @Test
    void aLockHeldPastItsMaximumCanBeTakenOver() {
        MutableClock clock = new MutableClock();
        InMemoryJobLock lock = new InMemoryJobLock(clock);
        JobLock.Held stale = lock.tryLock("daily", Duration.ofMinutes(5)).orElseThrow();
        clock.now.set(clock.now.get().plus(Duration.ofMinutes(6)));
        JobLock.Held fresh = lock.tryLock("daily", Duration.ofMinutes(5)).orElseThrow();
        stale.close(); // the dead holder's late release must not free the new holder's lock
        assertThat(lock.tryLock("daily", Duration.ofMinutes(5))).isEmpty();
        fresh.close();
        assertThat(lock.tryLock("daily", Duration.ofMinutes(5))).isPresent();
    }

    @Test
    void settingsRejectNonsenseNamingTheSetting() {
        assertThatThrownBy(() -> JobSettings.defaults().withPiiDeletionCadence(Duration.ZERO))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("job.piiDeletionCadence");
        assertThatThrownBy(() -> JobSettings.defaults().withDueGrace(Duration.ofMinutes(-1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("job.dueGrace");
    }
}
