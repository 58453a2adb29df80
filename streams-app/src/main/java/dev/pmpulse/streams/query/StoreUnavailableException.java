package dev.pmpulse.streams.query;

/**
 * The store cannot answer right now (starting, rebalancing, restoring). Retrying soon is the
 * right reaction, so the API answers 503 with a Retry-After.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message) {
    super(message);
  }
}
