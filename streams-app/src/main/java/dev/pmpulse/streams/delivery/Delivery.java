package dev.pmpulse.streams.delivery;

import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.slo.SloSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The delivery KPI (the delivery guarantee): delivered and duplicated shares per cluster against
 * the target, error budget over 30 days and multi-window burn rates ({@link DeliveryLedger}).
 * Samples are keyed by cluster on their topic, so no repartition is needed.
 */
public final class Delivery {
  private final SloSettings settings;

  /** @param settings its {@link SloSettings#deliveryTarget} is the guarantee */
  public Delivery(SloSettings settings) {
    this.settings = settings;
  }

  /** @return the KPI's reports, as written to {@link Topics#DELIVERY_KPI}, keyed by cluster */
  public KStream<String, DeliveryKpi> build(
      StreamsBuilder builder, KStream<String, DeliverySample> samples, MeterRegistry meters) {
    DeliveryMetrics metrics = new DeliveryMetrics(meters, settings.deliveryTarget());
    var late = meters.counter("pmpulse.late.records", "kpi", "delivery");

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(DeliveryLedger.STORE), Serdes.String(), Json.serde(DeliveryCounts.class)));

    KStream<String, DeliveryKpi> kpis =
        samples
            .process(() -> new DeliveryLedger(settings, late), Named.as("delivery-ledger"), DeliveryLedger.STORE)
            .peek((cluster, kpi) -> metrics.record(kpi), Named.as("delivery-metrics"));
    kpis.to(
        Topics.DELIVERY_KPI.name(),
        Produced.with(Topics.DELIVERY_KPI.keySerde(), Topics.DELIVERY_KPI.valueSerde()).withName("delivery-kpi-out"));
    return kpis;
  }
}
