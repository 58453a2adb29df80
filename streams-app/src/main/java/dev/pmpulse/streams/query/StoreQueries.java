package dev.pmpulse.streams.query;

import java.util.List;

/**
 * Reads this instance's share of the queryable stores and knows where the rest is. The HTTP API
 * only talks to this interface, so it can be tested without Kafka.
 */
public interface StoreQueries {
  /** This instance's HTTP address as the other instances know it ({@code host:port}). */
  String self();

  /**
   * @throws StoreUnavailableException while the key's partition cannot be read
   */
  KeyAnswer get(QueryableStore store, String key);

  /**
   * Every entry of the partitions this instance holds.
   *
   * @throws StoreUnavailableException while a partition held here cannot be read
   */
  LocalEntries local(QueryableStore store);

  /**
   * One key's buckets in a window store, oldest first: {@link KeyAnswer.Found} holds a {@code
   * List<BucketValue>}, {@link KeyAnswer.Missing} when the key has none.
   *
   * @throws StoreUnavailableException while the key's partition cannot be read
   */
  KeyAnswer buckets(QueryableStore store, String key);

  /**
   * Every key's buckets in the partitions of a window store this instance holds: key to {@code
   * List<BucketValue>}, oldest first.
   *
   * @throws StoreUnavailableException while a partition held here cannot be read
   */
  LocalEntries localBuckets(QueryableStore store);

  /** Every instance of the app, this one included. */
  List<Instance> instances();
}
