package org.chunkbench.compare;

/** In the order reports list them: what needs attention first. */
public enum Verdict {
    REGRESSION("regression"),
    BIMODAL("bimodal"),
    TOO_NOISY("too noisy"),
    SLOWER("slower"),
    FASTER("faster"),
    UNCHANGED("unchanged");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
