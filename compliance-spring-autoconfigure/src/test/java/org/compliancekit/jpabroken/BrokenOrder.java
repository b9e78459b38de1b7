package org.compliancekit.jpabroken;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.compliancekit.jpa.Retain;
import org.compliancekit.pii.RowAction;

/** A retention rule counting from an attribute the entity does not have. */
@Entity
@Table(name = "broken_orders")
@Retain(action = RowAction.DELETE, after = "30d", countingFrom = "shippedAt")
public class BrokenOrder {
    @Id
    public Long id;
    public LocalDateTime placedAt;
}
