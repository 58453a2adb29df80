package dev.pmpulse.streams.query;

/**
 * A state store the HTTP API may read, under the name it has in URLs.
 *
 * @param view the name in URLs ({@code /api/kpis/{view}/...})
 * @param store the Kafka Streams store name
 * @param partitions how many partitions the store has in all, so that an answer gathered from
 *     every instance can tell whether it is complete
 */
public record QueryableStore(String view, String store, int partitions) {}
