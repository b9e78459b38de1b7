package org.compliancekit.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot shop with Compliance Kit dropped in: JPA entities annotated for the PII map, the starter running
 * the daily job, the admin console at {@code /compliance/}, and self-service export at {@code /api/account/export}.
 *
 * <p>Start it with {@code mvn -B -q -pl examples/spring-shop -am -DskipTests package exec:java} and open
 * http://localhost:8080. Demo users: {@code ann@example.com} / {@code shop-demo} (a customer) and {@code admin} /
 * {@code admin-demo} (the compliance admin). Add {@code -Dspring.profiles.active=postgres} for PostgreSQL.
 */
@SpringBootApplication
public class ShopApplication {
    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
