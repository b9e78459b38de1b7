package org.compliancekit.console;

import java.time.Clock;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.spring.ComplianceKitCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the admin console when {@code compliance.console.enabled=true} in a servlet web application that has a
 * {@link ComplianceKit} bean (the Compliance Kit starter provides one). The pages are static files in this jar
 * talking to JSON endpoints; nothing is loaded from outside the application.
 *
 * <p>With Spring Security on the class path every page and endpoint needs {@code compliance.console.authority};
 * without it the console refuses to start unless {@code compliance.console.allow-unsecured=true}.
 */
@AutoConfiguration(afterName = {
        "org.compliancekit.spring.ComplianceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnProperty(prefix = "compliance.console", name = "enabled", havingValue = "true")
@ConditionalOnBean(ComplianceKit.class)
@EnableConfigurationProperties(ConsoleProperties.class)
@Import({ConsoleAutoConfiguration.Secured.class, ConsoleAutoConfiguration.Unsecured.class,
        ConsoleAutoConfiguration.Progress.class})
public class ConsoleAutoConfiguration {
    static final String RESOURCES = "classpath:/META-INF/compliance-console/";

    /** The system clock, not the kit's: with the starter the kit is built after this bean (see {@link Progress}). */
    @Bean
    ConsoleRuns complianceConsoleRuns() {
        return new ConsoleRuns(Clock.systemUTC());
    }

    @Bean
    ConsoleApi complianceConsoleApi(ComplianceKit kit, ConsoleRuns runs) {
        return new ConsoleApi(kit, runs);
    }

    @Bean
    WebMvcConfigurer complianceConsolePages(ConsoleProperties properties) {
        String base = properties.basePath();
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler(base + "/assets/**").addResourceLocations(RESOURCES + "assets/");
                registry.addResourceHandler(base + "/*.html").addResourceLocations(RESOURCES);
            }

            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController(base, base + "/");
                registry.addViewController(base + "/").setViewName("forward:" + base + "/index.html");
            }
        };
    }

    /** With the starter, backups and restores tell the console's current run which table and row they reached. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.compliancekit.spring.ComplianceKitCustomizer")
    static class Progress {
        @Bean
        ComplianceKitCustomizer complianceConsoleProgress(ConsoleRuns runs) {
            return kit -> kit.withProgress(runs);
        }
    }

    /** Spring Security present: the console's own filter chain guards its path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.web.SecurityFilterChain")
    @Import(ConsoleSecurity.class)
    static class Secured {
    }

    /** No Spring Security: start only when the operator said the console may be open. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.web.SecurityFilterChain")
    static class Unsecured {
        Unsecured(ConsoleProperties properties) {
            if (!properties.isAllowUnsecured()) {
                throw new UnsecuredConsoleException();
            }
        }
    }
}
