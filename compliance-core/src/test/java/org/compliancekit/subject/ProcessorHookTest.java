package org.compliancekit.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.audit.InMemoryAuditLog;
import org.junit.jupiter.api.Test;

class ProcessorHookTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final SubjectRef ANN = SubjectRef.of(2, Shop.email(2));

    private final InMemoryAuditLog audit = TestAudit.log();
    private final InMemoryDataStore store = Shop.store(4);

    /** A hook that fails (throwing with personal data in the message) until told to work. */
    static final class Flaky implements ProcessorErasureHook {
        final List<SubjectRef> calls = new ArrayList<>();
        boolean working;

        @Override
        public String processor() {
            return "Stripe";
        }

        @Override
        public HookResult erase(SubjectRef subject) {
            calls.add(subject);
            if (!working) {
                throw new IllegalStateException("no customer with email " + subject.email().orElse(""));
            }
            return HookResult.done("customer cancelled");
        }
    }

    private final Flaky stripe = new Flaky();
    private final ProcessorErasureHook mailchimp = new ProcessorErasureHook() {
        @Override
        public String processor() {
            return "Mailchimp";
        }

        @Override
        public HookResult erase(SubjectRef subject) {
            return HookResult.manual("remove the contact in the audience settings");
        }
    };

    private SubjectRights rights() {
        return SubjectRights.builder(store, Shop.map(), audit).withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withErasureContext(ErasureContext.withHashSecret(new byte[32]))
                .withHook(stripe).withHook(mailchimp).build();
    }

    @Test
    void aFailingHookIsRecordedAndDoesNotRollBackTheLocalErasure() {
        ErasureReceipt receipt = rights().erase(ANN, "support:alice");

        assertThat(receipt.status()).isEqualTo(ErasureReceipt.Status.HOOKS_FAILED);
        assertThat(receipt.hooks()).extracting(HookOutcome::processor, HookOutcome::status, HookOutcome::attempts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Stripe", HookStatus.FAILED, 1),
                        org.assertj.core.groups.Tuple.tuple("Mailchimp", HookStatus.MANUAL, 1));
        assertThat(receipt.hooks().get(0).note()).contains("IllegalStateException").doesNotContain("user2@");
        assertThat(receipt.hooks().get(1).note()).contains("audience settings");
        assertThat(receipt.hooks().get(0).at()).isEqualTo(NOW);
        assertThat(stripe.calls).containsExactly(ANN);
        assertThat(store.rows("users").get(1).get("name")).isEqualTo("[REDACTED]");
        AuditEvent event = TestAudit.events(audit).get(0);
        assertThat(event.status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(event.toString()).doesNotContain("user2@");
    }

    @Test
    void retryRunsOnlyFailedHooksAndAuditsTheOutcome() {
        SubjectRights rights = rights();
        ErasureReceipt first = rights.erase(ANN, "support:alice");
        stripe.working = true;

        ErasureReceipt retried = rights.retryHooks(ANN, first, "support:bob");

        assertThat(retried.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
        assertThat(retried.hooks()).extracting(HookOutcome::status).containsExactly(HookStatus.DONE, HookStatus.MANUAL);
        assertThat(retried.hooks().get(0).attempts()).isEqualTo(2);
        assertThat(retried.hooks().get(1).attempts()).as("MANUAL is not re-run").isEqualTo(1);
        assertThat(retried.tables()).isEqualTo(first.tables());
        assertThat(stripe.calls).hasSize(2);
        AuditEvent event = TestAudit.events(audit).get(1);
        assertThat(event.type()).isEqualTo(AuditEvent.TYPE_USER_DELETION);
        assertThat(event.status()).isEqualTo(AuditStatus.COMPLETED);
        assertThat(event.actor()).isEqualTo("support:bob");
        assertThat(event.details()).containsEntry("retry", true).containsEntry("subject", "id:2");
    }

    @Test
    void retryRefusesAnotherSubjectsReceiptAndDryRuns() {
        SubjectRights rights = rights();
        ErasureReceipt receipt = rights.erase(ANN, "support:alice");
        ErasureReceipt dry = rights.dryRun(SubjectRef.ofId(3), "support:alice");

        assertThatThrownBy(() -> rights.retryHooks(SubjectRef.ofId(3), receipt, "support:alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id:2");
        assertThatThrownBy(() -> rights.retryHooks(SubjectRef.ofId(3), dry, "support:alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dry run");
    }

    @Test
    void hooksDoNotRunInADryRun() {
        ErasureReceipt dry = rights().dryRun(ANN, "support:alice");

        assertThat(dry.hooks()).extracting(HookOutcome::status).containsOnly(HookStatus.NOT_RUN);
        assertThat(stripe.calls).isEmpty();
    }

    @Test
    void aHookForAProcessorOutsideTheRegisterIsAConfigurationError() {
        ProcessorErasureHook unknown = new ProcessorErasureHook() {
            @Override
            public String processor() {
                return "Hubspot";
            }

            @Override
            public HookResult erase(SubjectRef subject) {
                return HookResult.done();
            }
        };
        assertThatThrownBy(() -> SubjectRights.builder(store, Shop.map(), audit).withHook(unknown).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("Hubspot")
                .hasMessageContaining("register");
        assertThatThrownBy(() -> SubjectRights.builder(store, Shop.map(), audit).withHook(mailchimp)
                .withHook(mailchimp).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("two erasure hooks");
        assertThatThrownBy(() -> new HookResult(HookStatus.NOT_RUN, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
