package dev.pmpulse.streams.dailyupdate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.ApiStabilityKpi.Counts;
import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger keeps the latest value by event time, whatever order the values come in. */
class DayLedgerTest {
  private static final LocalDate TUESDAY = LocalDate.parse("2026-11-24");

  private static ReportInput latency(double p99, String minute) {
    return ReportInput.ofPublishLatency("eu-1", new PublishLatencyKpi(PublishLatencyKpi.VERSION, "eu-1", Instant.parse(minute),
        100, p99, 10.0, 50, 55.0, 75.0, false, false, false));
  }

  private static ReportInput quarter(long breaking, String at) {
    return ReportInput.ofApiStability("2026-Q4", new ApiStabilityKpi(ApiStabilityKpi.VERSION, "2026-Q4", "UTC",
        Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), Instant.parse(at), 10,
        Map.of("consumer-api", new Counts(breaking, 0, 0)), new Counts(breaking, 0, 0), 0));
  }

  private static ReportInput abort(String flag, String decidedAt) {
    return ReportInput.ofRolloutAbort(flag, new RolloutDecision(RolloutDecision.VERSION, flag, "eu-1", 25,
        RolloutDecision.Decision.ABORT, "band crossed", Instant.parse("2026-11-24T08:00:00Z"), Instant.parse(decidedAt)));
  }

  private static Instant at(String time) {
    return Instant.parse(time);
  }

  @Test
  void anOlderValueDoesNotReplaceANewerOneOfTheSameKey() {
    DayLedger ledger = DayLedger.empty(TUESDAY)
        .with(latency(40, "2026-11-24T10:00:00Z"), at("2026-11-24T10:01:00Z"), true)
        .with(latency(90, "2026-11-24T09:00:00Z"), at("2026-11-24T09:01:00Z"), true);
    assertThat(ledger.latency().get("eu-1").p99Ms()).isEqualTo(40);
    assertThat(ledger.updatedAt()).containsEntry("latency/eu-1", at("2026-11-24T10:01:00Z"));
    // The same event time: the one that came last is taken.
    ledger = ledger.with(latency(45, "2026-11-24T10:00:00Z"), at("2026-11-24T10:01:00Z"), true);
    assertThat(ledger.latency().get("eu-1").p99Ms()).isEqualTo(45);
  }

  @Test
  void aQuarterChangeOfAnEarlierDayIsNotMergedToday() {
    DayLedger monday = DayLedger.empty(TUESDAY.minusDays(1)).with(quarter(1, "2026-11-23T09:00:00Z"), at("2026-11-23T09:00:00Z"), true);
    DayLedger tuesday = monday.nextDay(TUESDAY).with(quarter(3, "2026-11-24T09:00:00Z"), at("2026-11-24T09:00:00Z"), true);
    // 3 - 1 = 2 merged on Tuesday
    assertThat(DailyUpdateWriter.decisions(tuesday)).containsExactly(
        "Merged 2 breaking API changes (consumer-api 2); 2026-Q4 now has 3 against a target of 0");
    // A change of Monday 20:00 arriving late: Monday's start value for Tuesday becomes 2, and
    // Tuesday's latest stays 3 (it is newer): 1 merged on Tuesday.
    DayLedger corrected = tuesday.with(quarter(2, "2026-11-23T20:00:00Z"), at("2026-11-23T20:00:00Z"), false);
    assertThat(corrected.quarters().get("2026-Q4").total().breaking()).isEqualTo(3);
    assertThat(corrected.quartersAtDayStart().get("2026-Q4").total().breaking()).isEqualTo(2);
    assertThat(DailyUpdateWriter.decisions(corrected)).containsExactly(
        "Merged 1 breaking API change (consumer-api 1); 2026-Q4 now has 3 against a target of 0");
  }

  @Test
  void abortedStagesAreListedOnceInDecisionOrderAndOnlyOnTheirDay() {
    DayLedger ledger = DayLedger.empty(TUESDAY)
        .with(abort("flag-2", "2026-11-24T11:00:00Z"), at("2026-11-24T11:00:00Z"), true)
        .with(abort("flag-1", "2026-11-24T09:00:00Z"), at("2026-11-24T09:00:00Z"), true)
        .with(abort("flag-2", "2026-11-24T11:00:00Z"), at("2026-11-24T11:00:00Z"), true)
        .with(abort("flag-3", "2026-11-23T23:00:00Z"), at("2026-11-23T23:00:00Z"), false);
    assertThat(ledger.rolloutAborts()).extracting(RolloutDecision::flag).containsExactly("flag-1", "flag-2");
  }
}
