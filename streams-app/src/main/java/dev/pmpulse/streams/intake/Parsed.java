package dev.pmpulse.streams.intake;

/** An input record after parsing: the value, or the raw bytes to dead-letter. */
record Parsed<T>(T value, byte[] raw) {
  boolean valid() {
    return value != null;
  }
}
