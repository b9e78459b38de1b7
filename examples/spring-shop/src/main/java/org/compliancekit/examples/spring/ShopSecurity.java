package org.compliancekit.examples.spring;

import org.compliancekit.examples.spring.shop.Customer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The shop's own sign-in: customers from the {@code users} table, one compliance admin from configuration. The
 * console adds its own chain for {@code /compliance/**} and shares this sign-in.
 */
@Configuration(proxyBeanMethods = false)
class ShopSecurity {

    @Bean
    SecurityFilterChain shop(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/index.html", "/login", "/error", "/actuator/health").permitAll()
                        .requestMatchers("/actuator/**").hasRole("COMPLIANCE_ADMIN")
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .csrf(csrf -> csrf.spa())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(CustomerAccounts customers, PasswordEncoder encoder,
            @Value("${shop.admin.password}") String adminPassword) {
        UserDetails admin = User.withUsername("admin").password(encoder.encode(adminPassword))
                .roles("COMPLIANCE_ADMIN").build();
        return username -> {
            if (admin.getUsername().equals(username)) {
                return User.withUserDetails(admin).build();
            }
            // An erased customer's hash is redacted and no longer signs in.
            Customer c = customers.byEmail(username).filter(x -> x.getPasswordHash() != null
                            && x.getPasswordHash().startsWith("{"))
                    .orElseThrow(() -> new UsernameNotFoundException("no such account"));
            return User.withUsername(c.getEmail()).password(c.getPasswordHash()).roles("CUSTOMER").build();
        };
    }
}
