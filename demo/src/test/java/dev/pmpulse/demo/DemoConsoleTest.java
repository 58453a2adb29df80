package dev.pmpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.producer.Scenario;
import dev.pmpulse.producer.ScenarioState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DemoConsoleTest {
  private static final Instant SIMULATED_NOW = Instant.parse("2026-11-23T14:05:00Z");

  private final List<Scenario> switched = new ArrayList<>();
  private boolean producerBlocked;
  private final List<FaultDrills.Fault> faults = new ArrayList<>();
  private boolean faultRunning;
  private final DemoConsole console =
      new DemoConsole(
          new DemoConsole.Demo() {
            @Override
            public String latestDailyUpdate() {
              return "# PM Pulse daily update, 2026-11-22";
            }

            @Override
            public Optional<ScenarioState> switchScenario(Scenario to) {
              switched.add(to);
              return producerBlocked ? Optional.empty() : Optional.of(new ScenarioState(to, SIMULATED_NOW));
            }

            @Override
            public Optional<FaultReport> fault(FaultDrills.Fault fault, Consumer<String> progress) {
              if (faultRunning) {
                return Optional.empty();
              }
              faults.add(fault);
              FaultReport report = new FaultReport(fault.name, fault.title, Clock.systemUTC(), progress);
              report.step("first step of " + fault.name);
              report.done("done");
              return Optional.of(report);
            }
          });

  private String type(String line) throws InterruptedException {
    StringWriter out = new StringWriter();
    console.handle(line, new PrintWriter(out));
    return out.toString().strip();
  }

  @Test
  void aScenarioByNameSwitchesTheProducerAndSaysFromWhen() throws Exception {
    assertThat(type("s bad-deploy"))
        .isEqualTo("Scenario bad-deploy from simulated 2026-11-23 14:05 UTC: " + Scenario.BAD_DEPLOY.description());
    assertThat(switched).containsExactly(Scenario.BAD_DEPLOY);
  }

  @Test
  void aScenarioByItsNumberInTheListSwitchesToo() throws Exception {
    // The numbers of ? and the README: 1 steady, 2 review-backlog, ..., 6 duplicate-delivery.
    type("s 1");
    type("S 2");
    type("  s   5  ");
    type("s 6");
    assertThat(switched)
        .containsExactly(Scenario.STEADY, Scenario.REVIEW_BACKLOG, Scenario.BAD_DEPLOY, Scenario.DUPLICATE_DELIVERY);
  }

  @Test
  void anUnknownScenarioIsOneLineListingTheNamesAndSwitchesNothing() throws Exception {
    String names =
        "1 steady, 2 review-backlog, 3 breaking-change, 4 escalation-storm, 5 bad-deploy, 6 duplicate-delivery";
    assertThat(type("s bad-deploi")).isEqualTo("Unknown scenario 'bad-deploi'. Scenarios: " + names + ".");
    assertThat(type("s 7")).isEqualTo("Unknown scenario '7'. Scenarios: " + names + ".");
    assertThat(type("s 0")).startsWith("Unknown scenario '0'.");
    assertThat(type("s 99999999999")).startsWith("Unknown scenario '99999999999'.");
    assertThat(switched).isEmpty();
  }

  @Test
  void aSwitchTheProducerHasNotTakenYetSaysSo() throws Exception {
    producerBlocked = true;
    assertThat(type("s escalation-storm"))
        .isEqualTo("Scenario escalation-storm requested: the producer switches as soon as it sends again.");
    assertThat(switched).containsExactly(Scenario.ESCALATION_STORM);
  }

  @Test
  void helpListsTheCommandsAndTheNumberedScenarios() throws Exception {
    String help = type("?");
    assertThat(help).contains("s <name|number>", "r ", "1 steady, 2 review-backlog", "6 duplicate-delivery");
    assertThat(type("h")).isEqualTo(help);
    assertThat(type("s")).startsWith("Scenarios: 1 steady,").contains("s 5");
  }

  @Test
  void aScenarioWithoutTheSSwitchesToo() throws Exception {
    assertThat(type("review-backlog")).startsWith("Scenario review-backlog from simulated 2026-11-23 14:05 UTC: ");
    type("4");
    assertThat(switched).containsExactly(Scenario.REVIEW_BACKLOG, Scenario.ESCALATION_STORM);
  }

  @Test
  void rPrintsTheDailyUpdateAndAnythingElseAnswersWithTheHelpHint() throws Exception {
    assertThat(type("r")).isEqualTo("# PM Pulse daily update, 2026-11-22");
    assertThat(type("deploy")).isEqualTo("Unknown command 'deploy'. Type ? and Enter for help.");
    assertThat(type("bad-deploy now")).isEqualTo("Unknown command 'bad-deploy now'. Type ? and Enter for help.");
    assertThat(type("7")).isEqualTo("Unknown command '7'. Type ? and Enter for help.");
    assertThat(type("")).isEmpty();
    assertThat(switched).isEmpty();
  }

  @Test
  void theFaultCommandsRunTheirFaultPrintingEachStep() throws Exception {
    assertThat(type("crash")).isEqualTo(
        "Crash every stream thread (follow it on the /kafka page too):\n  first step of crash\n  done");
    assertThat(type("broker")).contains("Restart the broker", "first step of broker-restart");
    assertThat(type("bad")).contains("Send a bad record", "first step of bad-record");
    assertThat(type("bad-record")).contains("first step of bad-record");
    assertThat(faults).containsExactly(
        FaultDrills.Fault.CRASH, FaultDrills.Fault.BROKER_RESTART, FaultDrills.Fault.BAD_RECORD, FaultDrills.Fault.BAD_RECORD);
    assertThat(switched).as("bad is no scenario").isEmpty();
    assertThat(type("?")).contains("crash ", "broker ", "bad ");
  }

  @Test
  void aFaultWhileAnotherRunsSaysSo() throws Exception {
    faultRunning = true;
    assertThat(type("crash")).endsWith("Another fault is running; one at a time.");
    assertThat(faults).isEmpty();
  }
}
