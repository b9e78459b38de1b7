package org.compliancekit.examples.spring.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Purpose;
import org.compliancekit.jpa.Retain;
import org.compliancekit.pii.RowAction;

/** A coupon redemption, kept against fraud; the buyer's details are anonymized 90 days after use. */
@Entity
@Table(name = "coupon_usage")
@Purpose(value = "coupon fraud prevention", categories = {"purchases", "network"})
@Retain(action = RowAction.ANONYMIZE, after = "90d", countingFrom = "usedAt")
public class CouponUsage {
    @Id
    private Long id;
    @ManyToOne(optional = false)
    private Customer customer;
    private String code;
    @PersonalData(Erasure.HASH)
    private String email;
    @PersonalData
    private String ip;
    @Column(nullable = false)
    private Instant usedAt;

    protected CouponUsage() {
    }

    public CouponUsage(Long id, Customer customer, String code, String ip, Instant usedAt) {
        this.id = id;
        this.customer = customer;
        this.code = code;
        this.email = customer.getEmail();
        this.ip = ip;
        this.usedAt = usedAt;
    }
}
