package dev.pmpulse.streams.inspect;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Kafka Streams' processor wrapper that counts each record a processor node receives into {@link
 * ProcessedRecords}, and otherwise leaves the processor as it is. Kafka Streams creates it from the
 * topology's settings ({@link ProcessedRecords#topologyConfig()}).
 */
public final class ProcessedRecordCounter implements ProcessorWrapper {
  private ProcessedRecords tally;

  @Override
  public void configure(Map<String, ?> configs) {
    Object configured = configs.get(ProcessedRecords.CONFIG);
    if (!(configured instanceof ProcessedRecords records)) {
      throw new IllegalArgumentException(ProcessedRecords.CONFIG + " must hold the ProcessedRecords to count into");
    }
    tally = records;
  }

  @Override
  public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
      String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
    LongAdder count = tally.counter(name);
    return new WrappedProcessorSupplier<>() {
      @Override
      public Set<StoreBuilder<?>> stores() {
        return supplier.stores();
      }

      @Override
      public Processor<KIn, VIn, KOut, VOut> get() {
        Processor<KIn, VIn, KOut, VOut> inner = supplier.get();
        return new Processor<>() {
          @Override
          public void init(ProcessorContext<KOut, VOut> context) {
            inner.init(context);
          }

          @Override
          public void process(Record<KIn, VIn> record) {
            count.increment();
            inner.process(record);
          }

          @Override
          public void close() {
            inner.close();
          }
        };
      }
    };
  }

  @Override
  public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
      String name, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
    LongAdder count = tally.counter(name);
    return new WrappedFixedKeyProcessorSupplier<>() {
      @Override
      public Set<StoreBuilder<?>> stores() {
        return supplier.stores();
      }

      @Override
      public FixedKeyProcessor<KIn, VIn, VOut> get() {
        FixedKeyProcessor<KIn, VIn, VOut> inner = supplier.get();
        return new FixedKeyProcessor<>() {
          @Override
          public void init(FixedKeyProcessorContext<KIn, VOut> context) {
            inner.init(context);
          }

          @Override
          public void process(FixedKeyRecord<KIn, VIn> record) {
            count.increment();
            inner.process(record);
          }

          @Override
          public void close() {
            inner.close();
          }
        };
      }
    };
  }
}
