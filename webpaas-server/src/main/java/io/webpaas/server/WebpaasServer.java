package io.webpaas.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** One server artifact, many roles: all-in-one by default (see docs/architecture.md). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WebpaasServer {
    public static void main(String[] args) {
        SpringApplication.run(WebpaasServer.class, args);
    }
}
