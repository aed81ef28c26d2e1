package io.webpaas.cli.output;

import io.webpaas.cli.api.Json;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --format table|json}, mixed into every list command: a table for people (the
 * default), or the API's own records as a JSON array for scripts.
 */
public final class ListFormat {
    public enum Format { table, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    /** Prints {@code rows} as the table {@code table} makes of them, or as JSON. */
    public <T> void print(PrintStream out, List<T> rows, Table<T> table) {
        if (format == Format.json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        } else {
            table.print(out, rows);
        }
    }
}
