package io.webpaas.server.gateway;

import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Beans of the gateway exist only when {@code webpaas.roles} includes {@code gateway} (the default). */
class OnGatewayRole implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment()).bind("webpaas.roles", Bindable.setOf(String.class))
                .map(roles -> roles.contains("gateway")).orElse(true);
    }
}
