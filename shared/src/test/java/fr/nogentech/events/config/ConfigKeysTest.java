package fr.nogentech.events.config;

import fr.nogentech.events.local.ProjectRoot;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ConfigKeys and template.yaml name the same configuration: a key the template never sets is a key no one reads. */
class ConfigKeysTest {

    @Test
    void everyKeyIsAVariableOfTheTemplateAndEveryVariableAKey() throws IllegalAccessException {
        Set<String> keys = new TreeSet<>();
        for (Field field : ConfigKeys.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                keys.add((String) field.get(null));
            }
        }
        keys.remove(ConfigKeys.OUTBOX_DIR); // the local run's, never in AWS
        Set<String> variables = new TreeSet<>();
        ProjectRoot.template()
                .functions()
                .forEach(function -> function.environment().keySet().stream()
                        .filter(name -> !name.equals("JAVA_TOOL_OPTIONS")) // the JVM's, not the application's
                        .map(ConfigKeys::property)
                        .forEach(variables::add));
        assertEquals(variables, keys);
    }

    @Test
    void aKeyIsDescribedWithItsVariable() {
        assertEquals("events.table", ConfigKeys.property("EVENTS_TABLE"));
        assertEquals(
                "cursor.previous.secret (CURSOR_PREVIOUS_SECRET)",
                ConfigKeys.describe(ConfigKeys.CURSOR_PREVIOUS_SECRET));
    }
}
