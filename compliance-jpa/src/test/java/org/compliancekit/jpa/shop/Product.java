package org.compliancekit.jpa.shop;

import jakarta.persistence.Entity;

/** Holds no personal data: not in the map. */
@Entity
public class Product extends BaseEntity {
    String title;
}
