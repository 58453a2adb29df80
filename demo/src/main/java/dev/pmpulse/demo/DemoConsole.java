package dev.pmpulse.demo;

import dev.pmpulse.producer.Scenario;
import dev.pmpulse.producer.ScenarioState;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The demo's console commands, one line each: {@code r} prints the latest end-of-day update, {@code
 * s NAME} or {@code s NUMBER} (or the name or number alone) switches the producer's scenario,
 * {@code crash}, {@code broker} and {@code bad} run the live faults ({@link FaultDrills}), {@code ?}
 * lists them all. Made for a live demo: short to type, and a mistyped name answers with the
 * names to pick from.
 */
final class DemoConsole {
  /** What the commands act on: the running demo. */
  interface Demo {
    String latestDailyUpdate();

    /**
     * Switches the producer's scenario the way {@code POST /scenarios/{name}} does.
     *
     * @return the scenario as applied, or empty if the producer has not taken it yet (it will)
     */
    Optional<ScenarioState> switchScenario(Scenario to) throws InterruptedException;

    /**
     * Runs a live fault as the {@code /kafka} page's buttons do, giving each step to {@code progress}.
     *
     * @return its report; empty if another fault is running
     */
    Optional<FaultReport> fault(FaultDrills.Fault fault, Consumer<String> progress) throws InterruptedException;
  }

  /** For the banner. */
  static final String HINT =
      "r = daily update, s <scenario> = switch scenario (s bad-deploy, s 5), crash / broker / bad = live faults, ? = help";

  private static final DateTimeFormatter SIMULATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final List<Scenario> NUMBERED = List.of(Scenario.values());

  private final Demo demo;

  DemoConsole(Demo demo) {
    this.demo = demo;
  }

  /** Runs one command line, writing the answer to {@code out}. */
  void handle(String line, PrintWriter out) throws InterruptedException {
    String[] words = line.trim().split("\\s+", 2);
    String command = words[0].toLowerCase(Locale.ROOT);
    String argument = words.length > 1 ? words[1].trim() : "";
    switch (command) {
      case "" -> {
        return;
      }
      case "r" -> {
        out.println();
        out.println(demo.latestDailyUpdate());
      }
      case "s" -> {
        if (argument.isEmpty()) {
          out.println();
          out.println("Scenarios: " + numberedScenarios() + ". Type s and a name or number, e.g. s 5.");
        } else {
          out.println();
          out.println(switchTo(argument));
        }
      }
      case "crash" -> fault(FaultDrills.Fault.CRASH, out);
      case "broker", "restart-broker" -> fault(FaultDrills.Fault.BROKER_RESTART, out);
      case "bad", "bad-record" -> fault(FaultDrills.Fault.BAD_RECORD, out);
      case "?", "h", "help" -> {
        out.println();
        out.println("Commands (then Enter):");
        out.println("  r                 the latest end-of-day update");
        out.println("  s <name|number>   switch the producer's scenario, e.g. s bad-deploy or s 5 (the s is optional)");
        out.println("  crash             crash every stream thread; the KPIs compared before and after");
        out.println("  broker            stop and start the demo's broker; the app goes on");
        out.println("  bad               send a record the app rejects; find it on the dead-letter topic");
        out.println("  ?                 this help");
        out.println("Scenarios: " + numberedScenarios() + ".");
      }
      default -> {
        // A scenario without the "s": forgiving when the audience is watching.
        out.println();
        out.println(
            words.length == 1 && byNameOrNumber(command).isPresent()
                ? switchTo(command)
                : "Unknown command '" + line.trim() + "'. Type ? and Enter for help.");
      }
    }
    out.flush();
  }

  private void fault(FaultDrills.Fault fault, PrintWriter out) throws InterruptedException {
    out.println();
    out.println(fault.title + " (follow it on the /kafka page too):");
    out.flush();
    Optional<FaultReport> report = demo.fault(fault, step -> {
      out.println("  " + step);
      out.flush();
    });
    if (report.isEmpty()) {
      out.println("  Another fault is running; one at a time.");
    }
  }

  private String switchTo(String nameOrNumber) throws InterruptedException {
    Optional<Scenario> scenario = byNameOrNumber(nameOrNumber);
    if (scenario.isEmpty()) {
      return "Unknown scenario '" + nameOrNumber + "'. Scenarios: " + numberedScenarios() + ".";
    }
    Scenario to = scenario.get();
    return demo.switchScenario(to)
        .map(s -> "Scenario " + to.label() + " from simulated " + SIMULATED.format(s.since()) + ": " + to.description())
        .orElse("Scenario " + to.label() + " requested: the producer switches as soon as it sends again.");
  }

  private static Optional<Scenario> byNameOrNumber(String text) {
    String name = text.toLowerCase(Locale.ROOT);
    if (name.chars().allMatch(Character::isDigit)) {
      int number = name.length() > 2 ? 0 : Integer.parseInt(name);
      return number >= 1 && number <= NUMBERED.size() ? Optional.of(NUMBERED.get(number - 1)) : Optional.empty();
    }
    return Scenario.byLabel(name);
  }

  /** "1 steady, 2 review-backlog, ..." */
  static String numberedScenarios() {
    return IntStream.range(0, NUMBERED.size())
        .mapToObj(i -> (i + 1) + " " + NUMBERED.get(i).label())
        .collect(Collectors.joining(", "));
  }
}
