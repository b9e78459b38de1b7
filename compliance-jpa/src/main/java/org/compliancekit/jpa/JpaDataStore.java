package org.compliancekit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.compliancekit.StorageException;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.StoreTransaction;
import org.compliancekit.pii.SubjectRef;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The {@link DataStore} of a JPA application: the JDBC store, run on the {@link EntityManagerFactory}'s
 * connections. While the caller's entity manager (found through {@link Builder#withCurrentEntityManager}) is in a
 * transaction, writes join it — its pending changes are flushed first, and the caller's commit or rollback
 * decides; otherwise each unit of work commits on a connection of its own. Read views (exports, dry runs) always
 * use a connection of their own, as their snapshot must start with them.
 *
 * <p>After every unit of work that changed rows, the entities and collections of the touched tables are evicted
 * from the second-level cache, and entities of those types managed by the joined entity manager are refreshed
 * (rows anonymized) or detached (rows deleted), so the caller never keeps working with, or writes back, the values
 * that were erased. Entity managers not joined hold what they read before: re-read after an erasure.
 *
 * <p>Errors name the entity and attribute as well as the table and column.
 */
public final class JpaDataStore implements DataStore {
    private final JdbcDataStore jdbc;
    private final EmfConnections connections;
    private final SessionFactoryImplementor factory;
    private final JpaMapping mapping;

    private JpaDataStore(Builder b) {
        this.factory = b.emf.unwrap(SessionFactoryImplementor.class);
        this.mapping = b.mapping;
        this.connections = new EmfConnections(factory, b.current);
        JdbcDataStore.Builder jb = JdbcDataStore.builder(connections);
        if (b.schema != null) {
            jb.withSchema(b.schema);
        }
        this.jdbc = connections.ownConnection(() -> {
            JdbcDataStore s = jb.build();
            s.describe();
            return s;
        });
    }

    /** Starts configuring a store over {@code emf} (Hibernate's), whose entities {@code mapping} describes. */
    public static Builder builder(EntityManagerFactory emf, JpaMapping mapping) {
        return new Builder(emf, mapping);
    }

    @Override
    public SchemaDescription describe() {
        return jdbc.describe();
    }

    @Override
    public ReadView openReadView() {
        return connections.ownConnection(() -> described(jdbc::openReadView));
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        Set<String> anonymized = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        T result = described(() -> jdbc.inTransaction(tx -> work.run(new Recording(tx, anonymized, deleted))));
        if (!anonymized.isEmpty() || !deleted.isEmpty()) {
            new Freshness(factory, mapping).afterWrite(anonymized, deleted, connections.joined());
        }
        return result;
    }

    @Override
    public Map<String, Long> load(List<String> tables, LoadSource source, LoadMode mode) {
        Map<String, Long> loaded = described(() -> jdbc.load(tables, source, mode));
        new Freshness(factory, mapping).afterWrite(Set.of(), Set.copyOf(tables), connections.joined());
        return loaded;
    }

    /**
     * The data subject with id {@code id}, completed with its email address from the {@link DataSubject} entity
     * when it declares one, so that tables linked by email are reached too.
     */
    public SubjectRef subject(EntityManager em, Object id) {
        JpaMapping.Subject s = mapping.subject().orElseThrow(() -> new org.compliancekit.ConfigurationException(
                "no entity is marked @DataSubject; mark the entity whose id identifies a person"));
        if (s.emailAttribute() == null) {
            return SubjectRef.ofId(id);
        }
        String idAttr = s.idAttribute().substring(s.idAttribute().indexOf('.') + 1);
        String email = s.emailAttribute().substring(s.emailAttribute().indexOf('.') + 1);
        List<?> found = em.createQuery("select e." + email + " from " + s.entity() + " e where e." + idAttr + " = :id")
                .setParameter("id", id).getResultList();
        return SubjectRef.of(id, found.isEmpty() || found.get(0) == null ? null : found.get(0).toString());
    }

    private <T> T described(Supplier<T> work) {
        try {
            return work.get();
        } catch (StorageException e) {
            throw new StorageException(mapping.describeText(e.getMessage()), e);
        }
    }

    /** Notes which tables a unit of work anonymized or deleted rows of. */
    private record Recording(StoreTransaction tx, Set<String> anonymized, Set<String> deleted) implements StoreTransaction {
        @Override
        public RowCursor scan(String table) {
            return tx.scan(table);
        }

        @Override
        public RowCursor subjectRows(TableMapping m, SubjectRef subject) {
            return tx.subjectRows(m, subject);
        }

        @Override
        public List<MatchedRow> findExpired(ExpiryQuery query) {
            return tx.findExpired(query);
        }

        @Override
        public int anonymize(TableMapping m, List<RowKey> keys, ErasureContext context) {
            int n = tx.anonymize(m, keys, context);
            if (n > 0) {
                anonymized.add(MappedTable.key(m.table()));
            }
            return n;
        }

        @Override
        public int delete(String table, List<RowKey> keys) {
            int n = tx.delete(table, keys);
            if (n > 0) {
                deleted.add(MappedTable.key(table));
            }
            return n;
        }
    }

    /** Configures a {@link JpaDataStore}; validated in {@link #build()}. */
    public static final class Builder {
        private final EntityManagerFactory emf;
        private final JpaMapping mapping;
        private Supplier<Optional<EntityManager>> current = Optional::empty;
        private String schema;

        private Builder(EntityManagerFactory emf, JpaMapping mapping) {
            this.emf = Objects.requireNonNull(emf, "entity manager factory");
            this.mapping = Objects.requireNonNull(mapping, "JPA mapping");
        }

        /**
         * How to find the caller's entity manager (e.g. Spring's transactional one); while it is in a transaction,
         * writes join it. Default: none, every unit of work commits on its own.
         */
        public Builder withCurrentEntityManager(Supplier<Optional<EntityManager>> current) {
            this.current = Objects.requireNonNull(current, "current entity manager");
            return this;
        }

        /** The schema holding the tables, spelled as the database stores it; default the connection's current one. */
        public Builder withSchema(String schema) {
            this.schema = schema;
            return this;
        }

        public JpaDataStore build() {
            return new JpaDataStore(this);
        }
    }
}
