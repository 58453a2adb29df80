package dev.pmpulse.demo.fullstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile read as far as {@link ImageReplay} needs it: its stages, each with its
 * instructions, continuation lines joined and comments dropped. Exec-form JSON arguments are kept
 * as text ({@link Instruction#arguments()}).
 */
record Dockerfile(List<Stage> stages) {

  /** One {@code FROM image [AS name]} and the instructions up to the next FROM. */
  record Stage(String image, String name, List<Instruction> instructions) {
    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }
  }

  /**
   * @param keyword upper case, e.g. {@code COPY}
   * @param flags the leading {@code --name=value} options, e.g. {@code --from=build}
   * @param arguments the rest of the instruction
   */
  record Instruction(String keyword, List<String> flags, String arguments) {
    Optional<String> flag(String name) {
      String prefix = "--" + name + "=";
      return flags.stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length())).findFirst();
    }

    /** The arguments split at white space (shell form; no quoting). */
    List<String> words() {
      return arguments.isBlank() ? List.of() : List.of(arguments.strip().split("\\s+"));
    }
  }

  static Dockerfile parse(String text) {
    List<String> logical = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : text.split("\\R")) {
      String stripped = line.strip();
      if (stripped.startsWith("#") || (stripped.isEmpty() && pending.isEmpty())) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        pending.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      logical.add(pending.append(stripped).toString().strip());
      pending.setLength(0);
    }
    if (!pending.isEmpty()) {
      logical.add(pending.toString().strip());
    }

    List<Stage> stages = new ArrayList<>();
    List<Instruction> current = null;
    for (String line : logical) {
      Instruction instruction = instruction(line);
      if (instruction.keyword().equals("FROM")) {
        List<String> words = instruction.words();
        boolean named = words.size() == 3 && words.get(1).equalsIgnoreCase("AS");
        if (words.size() != 1 && !named) {
          throw new IllegalArgumentException("FROM: expected 'FROM image [AS name]', got: " + line);
        }
        current = new ArrayList<>();
        stages.add(new Stage(words.get(0), named ? words.get(2) : null, current));
      } else if (current == null) {
        if (!instruction.keyword().equals("ARG")) {
          throw new IllegalArgumentException(instruction.keyword() + " before the first FROM");
        }
      } else {
        current.add(instruction);
      }
    }
    return new Dockerfile(List.copyOf(stages));
  }

  private static Instruction instruction(String line) {
    String[] split = line.split("\\s+", 2);
    String keyword = split[0].toUpperCase(Locale.ROOT);
    String rest = split.length > 1 ? split[1].strip() : "";
    List<String> flags = new ArrayList<>();
    while (rest.startsWith("--")) {
      String[] flagAndRest = rest.split("\\s+", 2);
      flags.add(flagAndRest[0]);
      rest = flagAndRest.length > 1 ? flagAndRest[1].strip() : "";
    }
    return new Instruction(keyword, List.copyOf(flags), rest);
  }

  /** The stage named {@code name} (FROM ... AS name). */
  Stage stage(String name) {
    return stages.stream()
        .filter(s -> name.equalsIgnoreCase(s.name()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stage 'FROM ... AS " + name + "'"));
  }

  /** The last stage: the image the Dockerfile builds. */
  Stage runtime() {
    return stages.get(stages.size() - 1);
  }
}
