package org.compliancekit.tck;

import java.time.Duration;
import org.compliancekit.job.InMemoryJobLock;
import org.compliancekit.job.JobLock;
import org.compliancekit.testing.TestClock;

class InMemoryJobLockContractTest extends JobLockContractTest {
    private final TestClock clock = new TestClock("2026-03-01T10:00:00Z");
    private final InMemoryJobLock shared = new InMemoryJobLock(clock);

    @Override
    protected JobLock instance() {
        // One JVM: every "instance" is the same object, as the in-memory lock is only for one process.
        return shared;
    }

    @Override
    protected void letTimePass(Duration d) {
        clock.advance(d);
    }
}
