package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** What {@link Dialect#beforeLoad} switched off for one restore, and how to switch it back on. */
interface LoadSession {
    /** A session that changed nothing: foreign keys are checked and act as usual. */
    LoadSession CHECKED = new LoadSession() {
        @Override
        public boolean foreignKeysOff() {
            return false;
        }

        @Override
        public void end(Connection c) {
        }
    };

    /**
     * Whether foreign keys are neither checked nor acted upon (no cascade, no SET NULL) in this session, so rows
     * load in any order and deleting them reaches no other table.
     */
    boolean foreignKeysOff();

    /** Undoes what {@link Dialect#beforeLoad} changed; runs after the restore transaction ended, in every case. */
    void end(Connection c) throws SQLException;

    /** A session with foreign keys off, switched back on by {@code restore}. */
    static LoadSession foreignKeysOff(SqlAction restore) {
        return new LoadSession() {
            @Override
            public boolean foreignKeysOff() {
                return true;
            }

            @Override
            public void end(Connection c) throws SQLException {
                restore.run(c);
            }
        };
    }

    /** Statements run on a connection. */
    @FunctionalInterface
    interface SqlAction {
        void run(Connection c) throws SQLException;
    }
}
