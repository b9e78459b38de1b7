package org.compliancekit.examples.spring.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Purpose;

/** A published review: on erasure the author goes, the rating and text stay. */
@Entity
@Table(name = "product_reviews")
@Purpose(value = "published product reviews", categories = {"opinions"})
public class ProductReview {
    @Id
    private Long id;
    @ManyToOne(optional = false)
    private Customer author;
    @PersonalData(Erasure.REDACT)
    private String authorName;
    @PersonalData(Erasure.HASH)
    private String authorEmail;
    @PersonalData(value = Erasure.KEEP, reason = "aggregate product rating, no personal data")
    private int rating;
    @PersonalData(value = Erasure.KEEP, reason = "published review text; the author is removed")
    private String body;

    protected ProductReview() {
    }

    public ProductReview(Long id, Customer author, String authorName, int rating, String body) {
        this.id = id;
        this.author = author;
        this.authorName = authorName;
        this.authorEmail = author.getEmail();
        this.rating = rating;
        this.body = body;
    }
}
