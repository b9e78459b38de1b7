package org.compliancekit.spring;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.compliancekit.job.JobReport;
import org.compliancekit.kit.ComplianceKit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs the daily job on {@code compliance.job.cron} with a scheduler of its own (one daemon thread), so the host
 * needs no {@code @EnableScheduling} and its own scheduled tasks are not delayed by a long backup. Every instance
 * schedules the job; the kit's cluster-wide job lock makes one of them run it, and what is due is read from durable
 * state, so a second instance finds nothing left to do. The job itself applies {@code compliance.audit.retention}
 * (an audited step of its report); after it, the instance that ran it verifies the chain (unless
 * {@code compliance.job.verify-audit-chain=false}).
 */
public final class ComplianceJobScheduler implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ComplianceJobScheduler.class);

    private final ComplianceKit kit;
    private final ComplianceStatus status;
    private final CronTrigger trigger;
    private final boolean verifyChain;
    private final List<Consumer<JobReport>> listeners;
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> scheduled;

    /**
     * @param verifyChain whether each run ends with a verification of the audit chain
     * @param listeners told of every run's report (metrics)
     */
    public ComplianceJobScheduler(ComplianceKit kit, ComplianceStatus status, String cron, ZoneId zone,
            boolean verifyChain, List<Consumer<JobReport>> listeners) {
        this.kit = Objects.requireNonNull(kit, "kit");
        this.status = Objects.requireNonNull(status, "status");
        this.trigger = new CronTrigger(cron, zone);
        this.verifyChain = verifyChain;
        this.listeners = List.copyOf(listeners);
    }

    /** Runs the daily job now on the calling thread, as the schedule would, and returns its report. */
    public JobReport runNow() {
        JobReport report = kit.dailyJob().run();
        status.backupsChanged();
        listeners.forEach(l -> l.accept(report));
        if (report.locked()) {
            return report;
        }
        if (verifyChain) {
            ComplianceStatus.ChainCheck check = status.verifyAuditChain();
            if (!check.valid()) {
                LOG.error("compliance audit chain is broken at sequence {} ({}); see docs/audit-chain.md",
                        check.firstBrokenSequence(), check.reason());
            }
        }
        return report;
    }

    private void runScheduled() {
        try {
            runNow();
        } catch (RuntimeException e) {
            // The next scheduled run must still happen; the class name is safe to log, a message may quote data.
            LOG.error("compliance daily job failed with {}", e.getClass().getName());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("compliance-job-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        scheduled = scheduler.schedule(this::runScheduled, trigger);
        LOG.info("compliance daily job scheduled: {} ({})", trigger.getExpression(), trigger);
    }

    @Override
    public synchronized void stop() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
