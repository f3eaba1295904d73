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

    private TemplatePermissions() {}

    public static Set<String> granted(String functionLogicalId) {
        return granted(ProjectRoot.template(), functionLogicalId);
    }

    /**
     * The actions the function's policies grant. A policy this cannot read (a managed policy of AWS's named by its
     * name or ARN, a SAM policy template, a reference to anything but a managed policy of the template) fails here
     * with its name, rather than counting as a policy that grants nothing.
     */
    public static Set<String> granted(SamTemplate template, String functionLogicalId) {
        SamTemplate.Function function = template.functions().stream()
                .filter(f -> f.logicalId().equals(functionLogicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no " + functionLogicalId));
        Set<String> actions = new TreeSet<>();
        for (Object policy : function.policies()) {
            for (Object statement :
                    list(document(template, functionLogicalId, policy).get("Statement"))) {
                Object action = map(statement).get("Action");
                if (action == null) {
                    throw new IllegalStateException(
                            "template.yaml: a statement of " + functionLogicalId + " has no Action: " + statement);
                }
                for (Object one : action instanceof List<?> several ? several : List.of(action)) {
                    actions.add(String.valueOf(one));
                }
            }
        }
        return actions;
    }

    /** The policy document a policy of the function stands for: written in place, or a managed policy's. */
    private static Map<String, Object> document(SamTemplate template, String function, Object policy) {
        if (policy instanceof Map<?, ?> written && written.containsKey("Statement")) {
            return map(written);
        }
        if (policy instanceof Map<?, ?> reference && reference.size() == 1 && reference.containsKey("Ref")) {
            Map<String, Object> resource = template.resource(String.valueOf(reference.get("Ref")));
            if ("AWS::IAM::ManagedPolicy".equals(resource.get("Type"))) {
                return map(map(resource.get("Properties")).get("PolicyDocument"));
            }
        }
        throw new IllegalStateException("template.yaml: " + function + " has the policy " + policy + ", which "
                + "the tests cannot read (a managed policy by name or ARN, or a SAM policy template): write its "
                + "statements in place, or in an AWS::IAM::ManagedPolicy of the template");
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
