package org.compliancekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditVerifier;
import org.junit.jupiter.api.Test;

/**
 * The observed log wraps the application's audit log; inheriting one of {@link AuditLog}'s defaults instead of
 * forwarding it would silently change behaviour (checkpoints never signed, personal fields never erased).
 */
class ObservedAuditLogForwardingTest {

    @Test
    void everyAuditLogMethodIsForwarded() {
        assertThat(Stream.concat(Arrays.stream(AuditLog.class.getDeclaredMethods()),
                        Arrays.stream(AuditVerifier.class.getMethods()).filter(m -> Modifier.isAbstract(m.getModifiers())))
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                .filter(m -> !declares(ObservedAuditLog.class, m))
                .map(Method::getName))
                .as("AuditLog methods ObservedAuditLog inherits instead of forwarding").isEmpty();
    }

    private static boolean declares(Class<?> type, Method m) {
        try {
            type.getDeclaredMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
