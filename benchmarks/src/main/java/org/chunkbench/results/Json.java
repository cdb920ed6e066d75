package org.chunkbench.results;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the results files, and reading a file with one-line errors that name it. No message
 * quotes the file: Jackson's own messages carry an excerpt of the input ("Unrecognized token 'abc…'"), which
 * would print whatever a file, or a link in a shared folder, holds; ours give the file, line and column.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

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
        } catch (StreamConstraintsException e) {
            // Jackson's message here is numbers only: "Document nesting depth (1001) exceeds the maximum allowed (1000, from ...)"
            throw new ResultsException(file + " is beyond a limit of the JSON parser: "
                    + String.valueOf(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "") + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new ResultsException(file + " is not valid JSON (truncated or corrupt?)" + at(e.getLocation()));
        } catch (IOException e) {
            throw new ResultsException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Where a tree did not fit a record, without the value (which Jackson's message quotes): the field's path
     * ({@code cpu.availableProcessors}) and place.
     */
    static String mismatch(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return (path.length() == 0 ? "the top level" : path) + " has the wrong type" + at(e.getLocation());
    }

    private static String at(JsonLocation where) {
        return where == null || where.getLineNr() < 1 ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }
}
