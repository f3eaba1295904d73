package fr.nogentech.events.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static fr.nogentech.events.local.SamTemplate.list;
import static fr.nogentech.events.local.SamTemplate.map;

/**
 * What template.yaml lets a function do: the actions of its policy statements, written in place or in a managed
 * policy of the template. A handler test records the actions its function's calls need ({@link SdkCalls}) and checks
 * them here, so that a missing permission shows in the tests rather than as AccessDenied in AWS.
 */
public final class TemplatePermissions {

    private TemplatePermissions() {
    }

    public static Set<String> granted(String functionLogicalId) {
        SamTemplate template = ProjectRoot.template();
        SamTemplate.Function function = template.functions().stream()
                .filter(f -> f.logicalId().equals(functionLogicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no " + functionLogicalId));
        Set<String> actions = new TreeSet<>();
        for (Object policy : function.policies()) {
            Map<String, Object> document = map(policy);
            if (document.containsKey("Ref")) {
                document = map(map(template.resource(String.valueOf(document.get("Ref"))).get("Properties"))
                        .get("PolicyDocument"));
            }
            for (Object statement : list(document.get("Statement"))) {
                Object action = map(statement).get("Action");
                for (Object one : action instanceof List<?> several ? several : List.of(action)) {
                    actions.add(String.valueOf(one));
                }
            }
        }
        return actions;
    }

    /** The actions of {@code used} that the function's policies do not grant (empty when all are granted). */
    public static List<String> missing(String functionLogicalId, Set<String> used) {
        Set<String> granted = granted(functionLogicalId);
        List<String> missing = new ArrayList<>();
        for (String action : used) {
            if (!granted.contains(action)) {
                missing.add(action);
            }
        }
        return missing;
    }
}
