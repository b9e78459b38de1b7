package org.compliancekit.store;

import java.util.Optional;

/**
 * A consistent, read-only view of the store: every read through one view sees the same committed state, so the
 * tables of one backup agree with each other. Close it to end the snapshot.
 *
 * <p>A view is read by one thread at a time. To read several tables at once, ask it for {@linkplain #openSibling()
 * sibling views}: each has a connection of its own and sees exactly this view's snapshot.
 */
public interface ReadView extends StoreReader, AutoCloseable {

    /**
     * Another view on exactly this view's snapshot, which another thread may read while this one is read; close it
     * on its own, before this view. Empty when the store cannot share a snapshot between connections (then every
     * table is read through this one view), which is the default. Call it while no cursor of this view is being
     * read on another thread.
     *
     * @throws org.compliancekit.StorageException when the store shares snapshots but opening this one failed (no
     *     connection to be had, say); the caller may go on with the views it has
     */
    default Optional<ReadView> openSibling() {
        return Optional.empty();
    }

    @Override
    void close();
}
