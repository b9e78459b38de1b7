package org.compliancekit.jpa;

import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;

/**
 * Keeps Hibernate's caches from serving erased values after the store changed rows behind its back: the
 * second-level cache regions of the touched entities and collections are evicted, and the joined entity manager's
 * managed entities of those types are refreshed (anonymized rows) or detached (deleted rows).
 */
final class Freshness {
    private final SessionFactoryImplementor factory;
    private final JpaMapping mapping;

    Freshness(SessionFactoryImplementor factory, JpaMapping mapping) {
        this.factory = factory;
        this.mapping = mapping;
    }

    void afterWrite(Set<String> anonymized, Set<String> deleted, Optional<EntityManager> joined) {
        Set<String> touched = new HashSet<>(anonymized);
        touched.addAll(deleted);
        Set<Class<?>> evicted = types(touched);
        evict(evicted);
        // Until the caller commits, another transaction may load the old rows into the cache again: evict once more
        // when the transaction is over, whatever its outcome.
        joined.ifPresent(em -> em.unwrap(SessionImplementor.class).getTransactionCompletionCallbacks().registerCallback(
                (TransactionCompletionCallbacks.AfterCompletionCallback) (success, session) -> evict(evicted)));
        Set<String> refreshed = new HashSet<>();
        Set<String> detached = new HashSet<>();
        anonymized.stream().filter(mapping::entityState).forEach(refreshed::add);
        for (String t : deleted) {
            switch (mapping.effectOfDelete(t)) {
                case REFRESH -> refreshed.add(t);
                case DETACH -> detached.add(t);
                case NONE -> { }
            }
        }
        Set<Class<?>> changed = types(refreshed);
        Set<Class<?>> removed = types(detached);
        joined.ifPresent(em -> {
            refresh(em, changed, removed);
            // Hibernate's refresh puts what it read into the cache: the caller's uncommitted state.
            evict(evicted);
        });
    }

    private void evict(Set<Class<?>> types) {
        for (Class<?> type : types) {
            factory.getCache().evictEntityData(type);
        }
        factory.getCache().evictCollectionData();
        factory.getCache().evictQueryRegions();
    }

    private Set<Class<?>> types(Set<String> tables) {
        Set<Class<?>> out = new HashSet<>();
        for (String t : tables) {
            mapping.typeOf(t).ifPresent(out::add);
        }
        return out;
    }

    private static void refresh(EntityManager em, Set<Class<?>> changed, Set<Class<?>> removed) {
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        for (Map.Entry<Object, EntityEntry> e : session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
            Object entity = e.getKey();
            if (related(entity.getClass(), removed)) {
                em.detach(entity);
            } else if (related(entity.getClass(), changed) && em.contains(entity)) {
                em.refresh(entity);
            }
        }
    }

    /** Whether rows of {@code type} can be in tables of one of {@code types} (same hierarchy). */
    private static boolean related(Class<?> type, Set<Class<?>> types) {
        return types.stream().anyMatch(t -> t.isAssignableFrom(type) || type.isAssignableFrom(t));
    }
}
