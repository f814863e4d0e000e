package com.clinicbackbone.patient.patient.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a request body larger than {@link #MAX_BYTES} before it is read (400 naming {@code body}); within it,
 * every string field has its own limit, checked by the domain.
 */
@Configuration(proxyBeanMethods = false)
class BodySizeLimit implements WebMvcConfigurer {

    static final long MAX_BYTES = 16 * 1024;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getContentLengthLong() > MAX_BYTES) {
                    throw new BodyTooLargeException();
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    /** The request body exceeds {@link #MAX_BYTES}. */
    static class BodyTooLargeException extends RuntimeException {

        BodyTooLargeException() {
            super("body larger than " + MAX_BYTES + " bytes");
        }
    }
}
