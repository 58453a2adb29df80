package dev.pmpulse.streams.query;

/** Where a key's value is, as far as this instance can tell. */
public sealed interface KeyAnswer {
  /** This instance holds the key's partition and the key has this value. */
  record Found(Object value) implements KeyAnswer {}

  /** This instance holds the key's partition and the key is not in it. */
  record Missing() implements KeyAnswer {}

  /** Another instance holds the key's partition; ask it at {@code hostPort}. */
  record Elsewhere(String hostPort) implements KeyAnswer {}
}
