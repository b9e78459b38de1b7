package org.compliancekit.jpabroken;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** A shop whose annotations are wrong. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class BrokenShop {
}
