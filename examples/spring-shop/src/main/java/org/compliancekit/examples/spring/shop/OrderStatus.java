package org.compliancekit.examples.spring.shop;

/** Where an order stands; retention anonymizes finished orders only. */
public enum OrderStatus {
    PENDING, PAID, SHIPPED, DELIVERED, CANCELLED, REFUNDED
}
