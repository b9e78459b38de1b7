package org.compliancekit.store;

/**
 * A consistent, read-only view of the store: every read through one view sees the same committed state, so the
 * tables of one backup agree with each other. Close it to end the snapshot.
 */
public interface ReadView extends StoreReader, AutoCloseable {
    @Override
    void close();
}
