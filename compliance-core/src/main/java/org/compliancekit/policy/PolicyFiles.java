package org.compliancekit.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.StrategyRegistry;

/**
 * Reads and writes the file form of a {@link CompliancePolicy}: YAML, or JSON (which the same reader accepts).
 * The schema is documented in {@code docs/pii-map.md}. Reading is strict: an unknown key, a misspelt strategy or a
 * duplicate key fails with an error that names its path in the file, so typos never silently weaken the policy.
 *
 * <p>Custom strategies are referenced in files as {@code {custom: name}} and resolved through
 * {@link #withStrategy(String, Strategy)}.
 */
public final class PolicyFiles {
    /** The file format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Words, spaces and commas: the start of a parser message, before anything it quotes from the file. */
    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z ,]*");

    private final StrategyRegistry strategies;

    private PolicyFiles(StrategyRegistry strategies) {
        this.strategies = strategies;
    }

    /** A reader and writer that knows only the built-in strategies. */
    public static PolicyFiles standard() {
        return new PolicyFiles(StrategyRegistry.builtIn());
    }

    /** A copy that also resolves {@code {custom: name}} to {@code strategy}. */
    public PolicyFiles withStrategy(String name, Strategy strategy) {
        return new PolicyFiles(strategies.with(name, strategy));
    }

    /** Reads a policy file (YAML or JSON). */
    public CompliancePolicy read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("policy file " + file + " is not UTF-8 text; save it as UTF-8", e);
        } catch (IOException e) {
            throw new ConfigurationException("could not read policy file " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return parse(text, file.toString());
    }

    /** Parses policy text (YAML or JSON). */
    public CompliancePolicy parse(String text) {
        return parse(text, "policy");
    }

    private CompliancePolicy parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            // The parser's message can quote file content, which may hold anything (a password, say): only the
            // position and the kind of error are reported, and the parser's exception is not kept as the cause.
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ConfigurationException(source + " is not valid YAML/JSON" + at + ": " + errorKind(e));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException(source + " must be a mapping with 'version' and 'tables'");
        }
        return new PolicyReader(strategies).policy((ObjectNode) root);
    }

    /**
     * The parser's description of the error up to the first character that could start quoted content, e.g.
     * {@code mapping values are not allowed here} or {@code Unrecognized token}.
     */
    static String errorKind(JsonProcessingException e) {
        String problem = e.getOriginalMessage();
        Matcher m = KIND.matcher(problem == null ? "" : problem);
        String kind = m.lookingAt() ? m.group().strip() : "";
        return kind.isEmpty() ? "syntax error" : kind;
    }

    /** Writes {@code policy} as YAML; {@link #parse(String)} of the result gives an equal policy. */
    public String toYaml(CompliancePolicy policy) {
        ObjectNode root = PolicyWriter.policy(policy, JsonNodeFactory.instance);
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write policy as YAML", e);
        }
    }
}
