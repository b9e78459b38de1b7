package org.compliancekit.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The console's own security filter chain, matching only the console's path and placed before the application's
 * chains: every page and endpoint needs the configured authority, state-changing calls need the CSRF token the
 * page reads from its cookie, and sign-in stays the application's (the session is shared). It is registered after
 * Spring Boot's default web security, so an application that relies on that default keeps it.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 50)
    SecurityFilterChain complianceConsoleSecurityFilterChain(HttpSecurity http, ConsoleProperties properties)
            throws Exception {
        String base = properties.basePath();
        http.securityMatcher(base, base + "/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(properties.getAuthority()))
                .csrf(csrf -> csrf.spa())
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                PathPatternRequestMatcher.withDefaults().matcher(base + "/api/**"))
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint(properties.getLoginPath()),
                                AnyRequestMatcher.INSTANCE))
                // The inventory page is shown in a frame of the console itself.
                .headers(h -> h.frameOptions(f -> f.sameOrigin()).contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "script-src 'self'; frame-ancestors 'self'; form-action 'self'")));
        return http.build();
    }
}
