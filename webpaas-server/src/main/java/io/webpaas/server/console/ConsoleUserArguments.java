package io.webpaas.server.console;

import io.webpaas.server.auth.LoginAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets console controllers take the signed-in {@link ConsoleUser} as an argument. */
@Configuration(proxyBeanMethods = false)
class ConsoleUserArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return ConsoleUser.class.equals(parameter.getParameterType());
    }

    @Override
    public ConsoleUser resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                       NativeWebRequest request, WebDataBinderFactory binders) {
        return current(request.getNativeRequest(HttpServletRequest.class));
    }

    static ConsoleUser current(HttpServletRequest request) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof LoginAuthentication authentication
                && authentication.isComplete()) {
            var login = authentication.login();
            return new ConsoleUser(login.userUuid(), login.username(), login.mfaVerified(), request.getRemoteAddr());
        }
        throw new AuthenticationCredentialsNotFoundException("no complete login in this browser session");
    }
}
