package io.webpaas.cli;

/** Placeholder entry point; the CLI arrives with its own issue. */
public final class Main {
    public static void main(String[] args) {
        System.out.println("webpaas CLI: not yet implemented");
    }
}
