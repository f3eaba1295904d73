package fr.nogentech.events.local;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.Map;

/** Reads CloudFormation's short forms ({@code !Ref X}, {@code !Sub "..."}) as their long forms. */
final class CloudFormationConstructor extends SafeConstructor {

    CloudFormationConstructor() {
        super(new LoaderOptions());
        this.yamlMultiConstructors.put("!", new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                String name = node.getTag().getValue().substring(1);
                String key = "Ref".equals(name) ? "Ref" : "Fn::" + name;
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        });
    }
}
