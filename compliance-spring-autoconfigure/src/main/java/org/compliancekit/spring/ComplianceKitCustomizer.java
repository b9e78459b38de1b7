package org.compliancekit.spring;

import org.compliancekit.kit.ComplianceKit;

/**
 * Adjusts the {@link ComplianceKit.Builder} before the auto-configured kit is built, for what properties cannot say:
 * processor erasure hooks, an erasure ledger, a legal hold, a clock, a progress listener. Customizers run in
 * {@code @Order} order, after the properties and the application's beans were applied.
 *
 * <pre>{@code
 * @Bean
 * ComplianceKitCustomizer stripeErasure(StripeClient stripe) {
 *     return kit -> kit.withProcessorHook(new StripeErasureHook(stripe));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ComplianceKitCustomizer {

    void customize(ComplianceKit.Builder builder);
}
