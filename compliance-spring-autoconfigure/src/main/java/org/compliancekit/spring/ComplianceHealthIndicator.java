package org.compliancekit.spring;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.compliancekit.backup.BackupInfo;
import org.compliancekit.kit.ComplianceKit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code compliance} health: DOWN when backups are enabled and the newest complete backup is older than twice the
 * backup cadence (or there is none although the application has run that long), or when this instance's last
 * verification of the audit chain found it broken. Details name the newest backup and the chain check, never data.
 */
public final class ComplianceHealthIndicator implements HealthIndicator {
    private final ComplianceKit kit;
    private final ComplianceStatus status;

    public ComplianceHealthIndicator(ComplianceKit kit, ComplianceStatus status) {
        this.kit = kit;
        this.status = status;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        boolean down = false;
        if (kit.policy().backup().enabled() && kit.backups().isPresent()) {
            Duration limit = kit.policy().backup().cadence().multipliedBy(2);
            Instant now = kit.clock().instant();
            Optional<BackupInfo> last = status.lastGoodBackup();
            health.withDetail("backupMaxAge", limit.toString());
            if (last.isPresent()) {
                health.withDetail("lastBackup", last.get().folder())
                        .withDetail("lastBackupAt", last.get().createdAt().toString());
                if (last.get().createdAt().plus(limit).isBefore(now)) {
                    down = true;
                    health.withDetail("backup", "the newest complete backup is older than " + limit);
                }
            } else if (status.startedAt().plus(limit).isBefore(now)) {
                down = true;
                health.withDetail("backup", "no complete backup although backups are enabled");
            } else {
                health.withDetail("backup", "no backup yet; the first one runs on the job's schedule");
            }
        } else {
            health.withDetail("backup", "disabled");
        }
        Optional<ComplianceStatus.ChainCheck> chain = status.lastChainCheck();
        if (chain.isPresent()) {
            health.withDetail("auditChain", chain.get().status())
                    .withDetail("auditChainCheckedAt", chain.get().checkedAt().toString());
            if (!chain.get().valid()) {
                down = true;
                health.withDetail("auditChainBrokenAt", chain.get().firstBrokenSequence());
            }
        } else {
            health.withDetail("auditChain", "not verified yet");
        }
        return down ? health.down().build() : health.build();
    }
}
