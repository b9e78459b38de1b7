package org.compliancekit.jpa.shop;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDateTime;
import org.hibernate.envers.Audited;

/** Id and creation time shared by the shop's entities; audited with the audited ones. */
@MappedSuperclass
@Audited
public abstract class BaseEntity {
    @Id
    Long id;

    LocalDateTime createdAt;

    public Long getId() {
        return id;
    }
}
