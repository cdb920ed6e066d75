import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads Surefire's XML reports and fails when a skipped test matches a pattern: CI must know that the openssl
 * oracle (or, on JDK 22+, an FFM test) really ran, and the reports say so whatever the tests print.
 *
 *   java .ci/SurefireSkips.java --fail-on REGEX REPORT_DIR...
 *
 * REGEX is matched against "Class#method: reason" of every skipped test case. Prints the count of skips and each
 * matching one; exits 1 when any matched, 2 when a folder holds no report (no test ran there).
 */
public class SurefireSkips {
    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !args[0].equals("--fail-on")) {
            System.err.println("usage: java .ci/SurefireSkips.java --fail-on REGEX REPORT_DIR...");
            System.exit(2);
        }
        Pattern fail = Pattern.compile(args[1]);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        int skipped = 0;
        List<String> matched = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            File[] reports = new File(args[i]).listFiles((d, n) -> n.startsWith("TEST-") && n.endsWith(".xml"));
            if (reports == null || reports.length == 0) {
                System.err.println("surefire-skips: no TEST-*.xml report in " + args[i] + " (did the tests run?)");
                System.exit(2);
            }
            for (File f : reports) {
                NodeList cases = factory.newDocumentBuilder().parse(f).getElementsByTagName("testcase");
                for (int c = 0; c < cases.getLength(); c++) {
                    Element tc = (Element) cases.item(c);
                    NodeList skips = tc.getElementsByTagName("skipped");
                    if (skips.getLength() == 0) {
                        continue;
                    }
                    skipped++;
                    String line = tc.getAttribute("classname") + "#" + tc.getAttribute("name") + ": "
                            + reason((Element) skips.item(0));
                    if (fail.matcher(line).find()) {
                        matched.add(line);
                    }
                }
            }
        }
        System.out.println("surefire-skips: " + skipped + " skipped test(s); " + matched.size() + " match /" + args[1] + "/");
        matched.forEach(m -> System.out.println("  " + m));
        System.exit(matched.isEmpty() ? 0 : 1);
    }

    /** The skip's reason: the message attribute, or else the first line of the recorded exception without its type. */
    static String reason(Element skipped) {
        String m = skipped.getAttribute("message");
        if (m.isEmpty()) {
            m = skipped.getTextContent().strip().lines().findFirst().orElse("");
        }
        return m.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    }
}
