package io.webpaas.server.auth;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which {@link TokenIntrospector} the rest of the server uses: the local store, or RFC 7662
 * at {@code webpaas.introspection-url} (an external authorization server, or the auth
 * service when this JVM runs without it).
 */
@Configuration(proxyBeanMethods = false)
class IntrospectionConfig {
    @Bean
    @Primary
    TokenIntrospector tokenIntrospector(LocalTokenIntrospector local, InternalClient internalClient, JsonMapper json,
                                        @Value("${webpaas.introspection-url:}") String introspectionUrl) {
        if (introspectionUrl.isBlank()) {
            return local;
        }
        return new RemoteTokenIntrospector(URI.create(introspectionUrl), InternalClient.CLIENT_ID,
                internalClient.secret(), json);
    }
}
