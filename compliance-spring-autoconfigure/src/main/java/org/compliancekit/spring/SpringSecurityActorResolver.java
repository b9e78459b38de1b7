package org.compliancekit.spring;

import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor is the name of Spring Security's authenticated principal; anonymous users count as nobody. */
final class SpringSecurityActorResolver implements ActorResolver {

    @Override
    public Optional<String> currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.ofNullable(auth.getName()).filter(n -> !n.isBlank());
    }
}
