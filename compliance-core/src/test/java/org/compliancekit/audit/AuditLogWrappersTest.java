package org.compliancekit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A log that wraps another must forward every {@link AuditLog} method. The interface's optional methods (personal
 * fields) have defaults that refuse; a wrapper inheriting one would quietly turn "erase this subject's audit fields"
 * into "this log keeps none", which the subject erasure then reports as nothing to erase.
 */
class AuditLogWrappersTest {

    @Test
    void theRunJournalsWrappedLogForwardsEveryMethod() throws ClassNotFoundException {
        Class<?> wrapper = Class.forName("org.compliancekit.audit.RunJournal$Run$ClosingLog");
        assertThat(notOverridden(wrapper)).as("AuditLog methods %s inherits instead of forwarding", wrapper)
                .isEmpty();
    }

    /**
     * The methods {@code wrapper} must declare itself but does not: every method {@link AuditLog} declares (its
     * defaults included) and the abstract ones it inherits; {@link AuditVerifier}'s conveniences may be inherited.
     */
    static List<String> notOverridden(Class<?> wrapper) {
        return java.util.stream.Stream.concat(Arrays.stream(AuditLog.class.getDeclaredMethods()),
                        Arrays.stream(AuditVerifier.class.getMethods()).filter(m -> Modifier.isAbstract(m.getModifiers())))
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                .filter(m -> !declares(wrapper, m))
                .map(Method::getName).sorted().toList();
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
