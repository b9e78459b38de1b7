package org.compliancekit.jpa.broken;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToOne;
import java.time.LocalDateTime;

/** Root of a SINGLE_TABLE hierarchy. */
@Entity
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
public class Post {
    @Id
    Long id;

    @ManyToOne
    Member author;

    LocalDateTime postedAt;
}
