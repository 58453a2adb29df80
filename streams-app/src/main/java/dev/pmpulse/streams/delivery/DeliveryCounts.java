package dev.pmpulse.streams.delivery;

/** Delivery counts summed over a bucket or a window. */
record DeliveryCounts(long produced, long delivered, long duplicates) {
  static final DeliveryCounts ZERO = new DeliveryCounts(0, 0, 0);

  DeliveryCounts plus(DeliveryCounts o) {
    return new DeliveryCounts(produced + o.produced, delivered + o.delivered, duplicates + o.duplicates);
  }

  /** Lost messages plus extra deliveries. */
  long bad() {
    return produced - delivered + duplicates;
  }

  /** {@code bad / produced}, 0 when nothing was produced. */
  double badRatio() {
    return produced == 0 ? 0 : (double) bad() / produced;
  }
}
