package org.compliancekit.jpa.broken;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.LocalDateTime;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Retain;
import org.compliancekit.pii.RowAction;

/** Two equally short paths to the subject and nothing choosing one; a rule on a missing attribute. */
@Entity
@Retain(action = RowAction.DELETE, after = "90d", countingFrom = "since")
@Retain(name = "bad-period", action = RowAction.DELETE, after = "three months", countingFrom = "startedAt")
public class Friendship {
    @Id
    Long id;

    @ManyToOne
    Member one;

    @ManyToOne
    Member other;

    LocalDateTime startedAt;

    @PersonalData
    String greeting;
}
