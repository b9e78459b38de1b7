package org.compliancekit.jpashop;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Makes Spring Boot's JPA auto-configuration find the shop's entities (this package only). */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class JpaShop {
}
