package io.webpaas.server.certifier;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Serves {@code POST /ssh} with {@link UserCertificateServlet}, beside Spring MVC's dispatcher. */
@Configuration(proxyBeanMethods = false)
class UserCertificateEndpoint {

    @Bean
    ServletRegistrationBean<UserCertificateServlet> userCertificateServlet(UserCertificates certificates, JsonMapper json,
                                                                           CertifierProperties properties) {
        var registration = new ServletRegistrationBean<>(
                new UserCertificateServlet(certificates, json, properties.concurrentRequestsOrDefault()), "/ssh");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
