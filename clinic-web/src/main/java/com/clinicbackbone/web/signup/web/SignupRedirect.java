package com.clinicbackbone.web.signup.web;

import com.clinicbackbone.web.signin.Person;
import com.clinicbackbone.web.signup.NewPatients;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in patient who has no record yet (a new account of their own) and opens {@code /me} or anything under it
 * is sent to the short form that gets them their record ({@code /signup/record}). Runs after Spring Security (a
 * filter bean's default order), so the person is known and {@code /me} was allowed.
 */
@Component
class SignupRedirect extends OncePerRequestFilter {

    static final String FORM = "/signup/record";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/me") || path.startsWith("/me/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (NewPatients.needsRecord(Person.of(SecurityContextHolder.getContext().getAuthentication()))) {
            response.sendRedirect(request.getContextPath() + FORM);
            return;
        }
        chain.doFilter(request, response);
    }
}
