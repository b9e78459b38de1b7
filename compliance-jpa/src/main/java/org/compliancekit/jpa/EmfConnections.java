package org.compliancekit.jpa;

import jakarta.persistence.EntityManager;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The {@link DataSource} the JDBC store runs on: the connection of the caller's entity manager while it is in a
 * transaction (after flushing its pending changes), otherwise a connection of the factory's own provider. A joined
 * connection is lent, not handed over: the store's commit, close and settings are ignored, and its rollback marks
 * the caller's transaction rollback-only, so the caller's transaction stays the one that decides.
 */
final class EmfConnections implements DataSource {
    private final SessionFactoryImplementor factory;
    private final Supplier<Optional<EntityManager>> current;

    EmfConnections(SessionFactoryImplementor factory, Supplier<Optional<EntityManager>> current) {
        this.factory = factory;
        this.current = current;
    }

    private final ThreadLocal<Boolean> ownConnection = ThreadLocal.withInitial(() -> false);

    /** The caller's entity manager when it is in an active transaction. */
    Optional<EntityManager> joined() {
        return ownConnection.get() ? Optional.empty()
                : current.get().filter(em -> em.isOpen() && em.isJoinedToTransaction());
    }

    /**
     * Runs {@code work} on connections of the factory's own provider even when the caller is in a transaction:
     * for read views, whose snapshot settings cannot be applied to a transaction already under way.
     */
    <T> T ownConnection(Supplier<T> work) {
        boolean before = ownConnection.get();
        ownConnection.set(true);
        try {
            return work.get();
        } finally {
            ownConnection.set(before);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Optional<EntityManager> em = joined();
        if (em.isPresent()) {
            em.get().flush();
            Session session = em.get().unwrap(Session.class);
            Connection c = session.doReturningWork(x -> x);
            return lent(c, session);
        }
        ConnectionProvider provider = factory.getServiceRegistry().requireService(ConnectionProvider.class);
        Connection c = provider.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        provider.closeConnection(c);
                        return null;
                    }
                    return invoke(c, method, args);
                });
    }

    /**
     * The caller's connection behind a façade that plays a connection of its own to the store: {@code autoCommit}
     * is a flag, {@code commit} ends the store's unit of work, and a {@code rollback} while work is pending marks the
     * caller's transaction rollback-only instead of undoing the caller's own changes behind Hibernate's back.
     */
    private static Connection lent(Connection c, Session session) {
        boolean[] autoCommit = {true};
        boolean[] pending = {false};
        InvocationHandler h = (proxy, method, args) -> switch (method.getName()) {
            case "close", "setReadOnly", "setTransactionIsolation" -> null;
            case "commit" -> {
                pending[0] = false;
                yield null;
            }
            case "setAutoCommit" -> {
                autoCommit[0] = (Boolean) args[0];
                pending[0] = !autoCommit[0];
                yield null;
            }
            case "getAutoCommit" -> autoCommit[0];
            case "isReadOnly" -> false;
            case "rollback" -> {
                if (pending[0] && (args == null || args.length == 0)) {
                    session.getTransaction().setRollbackOnly();
                }
                pending[0] = false;
                yield null;
            }
            default -> invoke(c, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    }

    private static Object invoke(Connection c, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(c, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("connections come from the EntityManagerFactory");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no logging of its own
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the factory's pool decides
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
