package org.chunkbench.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Every way a number of a result is written, in one place (all in Locale.ROOT, so a German desktop writes dots). */
public final class Numbers {
    private Numbers() {
    }

    /** Data files for gnuplot and summary.tsv: six significant digits, "NaN" for anything not finite. */
    public static String data(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Report tables: 1234, 12.3, 1.23. */
    public static String table(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }

    /** A ratio with its error: "1.02 ± 0.03". */
    public static String ratio(double value, double error) {
        return String.format(Locale.ROOT, "%.2f ± %.2f", value, error);
    }

    /** Four significant digits, no exponent, no trailing zeros: 7450000, 0.1235. */
    public static String significant4(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Four significant digits; k, M, G from ten thousand up so that columns stay narrow. */
    public static String compact(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        String suffix = "";
        if (a >= 1e9) {
            v /= 1e9;
            suffix = "G";
        } else if (a >= 1e6) {
            v /= 1e6;
            suffix = "M";
        } else if (a >= 1e4) {
            v /= 1e3;
            suffix = "k";
        }
        return significant4(v) + suffix;
    }

    /** A setting as the user would write it: 5, not 5.0; 0.01 stays 0.01. */
    public static String setting(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** A p-value: three decimals, or an exponent below 0.001; a dash when no test ran. */
    public static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return "\u2013";
        }
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }

    /** 16 B, 4 KiB, 1 MiB. */
    public static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }
}
