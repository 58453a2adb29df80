package dev.pmpulse.streams.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids handled lately, oldest forgotten first: a redelivery of one of them is answered
 * without writing it again. Only a shortcut: after a restart, or for an id forgotten, the
 * redelivered event is written again with the same event id and the KPIs still count it once.
 */
final class RecentDeliveries {
  /** Ids are short (a GUID), so this many cost a few hundred kilobytes. */
  static final int CAPACITY = 10_000;

  private final int capacity;
  private final Map<String, Boolean> ids;

  RecentDeliveries(int capacity) {
    this.capacity = capacity;
    this.ids = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > RecentDeliveries.this.capacity;
      }
    };
  }

  synchronized boolean contains(String id) {
    return ids.containsKey(id);
  }

  synchronized void add(String id) {
    ids.put(id, Boolean.TRUE);
  }
}
