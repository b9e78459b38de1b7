package org.compliancekit.examples.spring;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.compliancekit.examples.spring.shop.Customer;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Finds customer accounts by their sign-in name, the email address. */
@Repository
public class CustomerAccounts {
    @PersistenceContext
    private EntityManager em;

    @Transactional(readOnly = true)
    public Optional<Customer> byEmail(String email) {
        return em.createQuery("select c from Customer c where c.email = :email", Customer.class)
                .setParameter("email", email).getResultStream().findFirst();
    }
}
