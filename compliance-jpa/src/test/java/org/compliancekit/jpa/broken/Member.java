package org.compliancekit.jpa.broken;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.compliancekit.jpa.DataSubject;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;

/** A data subject whose declared email attribute does not exist. */
@Entity
@DataSubject(email = "mail")
public class Member {
    @Id
    Long id;

    @PersonalData(value = Erasure.KEEP)
    String nickname;

    @PersonalData(value = Erasure.CUSTOM, strategy = "unknown-one")
    String phone;

    @PersonalData(value = Erasure.HASH, text = "ignored")
    String handle;
}
