package org.tinybirdmaven.ci;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The goals of the plugin built by this reactor and the user properties each reads, from the
 * {@code META-INF/maven/plugin.xml} that maven-plugin-plugin generated, so the templates are checked against what
 * the plugin really accepts.
 */
final class PluginDescriptor {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, Set<String>> propertiesByGoal = new TreeMap<>();

    private PluginDescriptor() throws Exception {
        try (InputStream in = PluginDescriptor.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/plugin.xml")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/maven/plugin.xml is not on the test classpath");
            }
            NodeList mojos = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("mojo");
            for (int i = 0; i < mojos.getLength(); i++) {
                Element mojo = (Element) mojos.item(i);
                Set<String> properties = new TreeSet<>();
                NodeList configuration = mojo.getElementsByTagName("configuration");
                if (configuration.getLength() > 0) {
                    Matcher matcher = PROPERTY.matcher(configuration.item(0).getTextContent());
                    while (matcher.find()) {
                        properties.add(matcher.group(1));
                    }
                }
                propertiesByGoal.put(mojo.getElementsByTagName("goal").item(0).getTextContent(), properties);
            }
        }
    }

    private static PluginDescriptor instance;

    static synchronized PluginDescriptor get() {
        if (instance == null) {
            try {
                instance = new PluginDescriptor();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read the plugin descriptor", e);
            }
        }
        return instance;
    }

    boolean hasGoal(String goal) {
        return propertiesByGoal.containsKey(goal);
    }

    Set<String> properties(String goal) {
        return propertiesByGoal.getOrDefault(goal, Set.of());
    }

    Set<String> goals() {
        return propertiesByGoal.keySet();
    }

    /** Whether some goal reads the property. */
    boolean hasProperty(String property) {
        return propertiesByGoal.values().stream().anyMatch(properties -> properties.contains(property));
    }
}
