package org.chunkbench.analysis;

/** A value in ns per chunk with its error (same unit, a half-width); either may be of any sign's result. */
public record Quantity(double ns, double error) {
    /** {@code ns / total} and {@code error / total}: a share of the total, as a fraction. */
    public Quantity shareOf(double total) {
        return new Quantity(ns / total, error / total);
    }
}
