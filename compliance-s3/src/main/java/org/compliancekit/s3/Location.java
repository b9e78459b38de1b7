package org.compliancekit.s3;

import org.compliancekit.store.support.Keys;

/**
 * Where a store's objects live: a bucket and a key prefix. Turns the store's relative keys into object keys and
 * back, and names an object the same way in every message.
 */
record Location(String bucket, String prefix) {

    /** The full object key of the store key {@code key}; rejects keys that {@link Keys#check} rejects. */
    String objectKey(String key) {
        Keys.check(key);
        return Keys.check(prefix + key);
    }

    /** The object key for a listing prefix, which may be empty and need not be a whole key. */
    String listingPrefix(String keyPrefix) {
        if (keyPrefix == null) {
            throw new IllegalArgumentException("listing prefix must not be null; use \"\" to list every object");
        }
        return prefix + keyPrefix;
    }

    /** The store key of an object key listed under this location's prefix. */
    String storeKey(String objectKey) {
        return objectKey.substring(prefix.length());
    }

    /** {@code s3://bucket/objectKey}, for messages. */
    String describe(String objectKey) {
        return "s3://" + bucket + "/" + objectKey;
    }
}
