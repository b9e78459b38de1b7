package org.compliancekit.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens connections with {@link DriverManager} and keeps the ones given back for the next caller, so that a command
 * working in many short transactions (retention batches, legal-hold look-ups, audit appends) logs in a few times
 * instead of once per transaction. A connection is reused only in its defaults: a connection given back inside a
 * transaction is rolled back, and auto-commit, read-only and the isolation level (when set through
 * {@link Connection#setTransactionIsolation}) are put back as they were when it was opened; one that fails this is
 * closed instead. Closing the data source closes the idle connections.
 */
final class ReusingDataSource implements DataSource, AutoCloseable {
    /** Idle connections kept; more than the engines of one command hold at once. */
    static final int MAX_IDLE = 8;

    private final String url;
    private final String user;
    private final String password;
    private final Deque<Pooled> idle = new ArrayDeque<>();
    private int opened;
    private boolean closed;

    ReusingDataSource(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** How many physical connections were opened so far. */
    synchronized int opened() {
        return opened;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Pooled p;
        synchronized (this) {
            p = idle.pollFirst();
        }
        if (p == null) {
            Connection physical = DriverManager.getConnection(url, user, password);
            synchronized (this) {
                opened++;
            }
            p = new Pooled(physical, physical.getTransactionIsolation());
        }
        return p.lend();
    }

    @Override
    public Connection getConnection(String username, String pw) throws SQLException {
        throw new SQLFeatureNotSupportedException("the command line connects as --user only");
    }

    /** Takes back a connection whose caller closed it, or closes it when it cannot be reset or the pool is full. */
    private void giveBack(Pooled p) {
        boolean keep;
        try {
            Connection c = p.physical;
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (c.isReadOnly()) {
                c.setReadOnly(false);
            }
            // Asking a PostgreSQL connection for its isolation level is a round trip: only a handle that set one
            // can have changed it.
            if (p.isolationSet && c.getTransactionIsolation() != p.isolation) {
                c.setTransactionIsolation(p.isolation);
            }
            p.isolationSet = false;
            synchronized (this) {
                keep = !closed && idle.size() < MAX_IDLE;
                if (keep) {
                    idle.addFirst(p);
                }
            }
        } catch (SQLException e) {
            keep = false;
        }
        if (!keep) {
            closeQuietly(p.physical);
        }
    }

    @Override
    public void close() {
        Deque<Pooled> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(p -> closeQuietly(p.physical));
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the connection is dropped either way; the server ends the session when the socket closes
        }
    }

    @Override
    public String toString() {
        return "ReusingDataSource[" + url + "]"; // never the password
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager logging is not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    /**
     * One physical connection, the isolation level it was opened with, and whether the current handle set an
     * isolation level through {@link Connection#setTransactionIsolation}.
     */
    private final class Pooled {
        final Connection physical;
        final int isolation;
        boolean isolationSet;

        Pooled(Connection physical, int isolation) {
            this.physical = physical;
            this.isolation = isolation;
        }

        /** A handle whose {@code close()} gives the connection back; the handle is unusable afterwards. */
        Connection lend() {
            InvocationHandler handler = new InvocationHandler() {
                private boolean returned;

                @Override
                public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
                    switch (m.getName()) {
                        case "close" -> {
                            if (!returned) {
                                returned = true;
                                giveBack(Pooled.this);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned || physical.isClosed();
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "toString" -> {
                            return "pooled " + physical;
                        }
                        default -> {
                            if (returned) {
                                throw new SQLException("connection already given back");
                            }
                            if (m.getName().equals("setTransactionIsolation")) {
                                isolationSet = true;
                            }
                            try {
                                return m.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }
    }
}
