package org.compliancekit.jpa.broken;

import jakarta.persistence.Entity;
import org.compliancekit.jpa.Retain;
import org.compliancekit.pii.RowAction;

/** A rule on a SINGLE_TABLE subclass would delete every post, not only stories. */
@Entity
@Retain(action = RowAction.DELETE, after = "30d", countingFrom = "postedAt")
public class Story extends Post {
}
