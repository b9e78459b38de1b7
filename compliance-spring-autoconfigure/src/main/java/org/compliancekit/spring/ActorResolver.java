package org.compliancekit.spring;

import java.util.Optional;

/**
 * Names who is acting right now, for the audit trail: the authenticated user behind an Actuator operation or a
 * host event. With Spring Security on the class path the default reads its security context; define a bean of
 * this type to name actors another way. Empty means "the system".
 */
@FunctionalInterface
public interface ActorResolver {

    /** The current actor's name, or empty when nobody is authenticated. */
    Optional<String> currentActor();

    /** Nobody: every event is recorded as the system's. */
    static ActorResolver none() {
        return Optional::empty;
    }
}
