package org.chunkbench.results;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON mapper of the results files, and reading a file with one-line errors that name it. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** The file's tree; {@code expected} completes "FILE is empty; ..." */
    static JsonNode readTree(Path file, String expected) {
        try {
            ResultsFolder.checkReadable(file);
            JsonNode n = MAPPER.readTree(file.toFile());
            if (n == null || n.isMissingNode()) {
                throw new ResultsException(file + " is empty; " + expected);
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ResultsException(file + " is not valid JSON (truncated or corrupt?) at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + firstLine(e));
        } catch (IOException e) {
            throw new ResultsException(file + ": cannot read: " + e.getMessage());
        }
    }

    static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
