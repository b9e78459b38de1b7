package org.compliancekit.examples.spring.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Purpose;

/** A line of an order; its gift message is personal, reached through the order. */
@Entity
@Table(name = "order_items")
@Purpose(value = "order fulfilment", categories = {"purchases"})
public class OrderItem {
    @Id
    private Long id;
    @ManyToOne(optional = false)
    private ShopOrder shopOrder;
    private String product;
    private int quantity;
    @PersonalData
    private String giftMessage;

    protected OrderItem() {
    }

    public OrderItem(Long id, ShopOrder order, String product, int quantity, String giftMessage) {
        this.id = id;
        this.shopOrder = order;
        this.product = product;
        this.quantity = quantity;
        this.giftMessage = giftMessage;
    }
}
