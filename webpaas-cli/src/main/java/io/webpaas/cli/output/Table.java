package io.webpaas.cli.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A plain-text table: a header line, then one line per row, each column as wide as its
 * widest cell. Built with {@link #column}; an empty list prints {@code emptyMessage} instead.
 */
public final class Table<T> {
    private final List<String> headers = new ArrayList<>();
    private final List<Function<T, ?>> cells = new ArrayList<>();
    private final String emptyMessage;

    private Table(String emptyMessage) {
        this.emptyMessage = emptyMessage;
    }

    public static <T> Table<T> empty(String emptyMessage) {
        return new Table<>(emptyMessage);
    }

    public Table<T> column(String header, Function<T, ?> cell) {
        headers.add(header);
        cells.add(cell);
        return this;
    }

    public void print(PrintStream out, List<T> rows) {
        if (rows.isEmpty()) {
            out.println(emptyMessage);
            return;
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(headers);
        for (T row : rows) {
            lines.add(cells.stream().map(cell -> Objects.toString(cell.apply(row), "")).toList());
        }
        int[] widths = new int[headers.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(i == widths.length - 1 ? line.get(i) : String.format("%-" + widths[i] + "s  ", line.get(i)));
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
