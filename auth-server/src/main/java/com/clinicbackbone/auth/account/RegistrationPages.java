package com.clinicbackbone.auth.account;

import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/** The registration pages in English or French: the browser's language until {@code ?lang=fr|en} picks one. */
@Configuration(proxyBeanMethods = false)
class RegistrationPages implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        SessionLocaleResolver resolver = new SessionLocaleResolver();
        resolver.setDefaultLocaleFunction(request -> {
            for (var wanted = request.getLocales(); wanted.hasMoreElements(); ) {
                String language = wanted.nextElement().getLanguage();
                if (language.equals("fr") || language.equals("en")) {
                    return language.equals("fr") ? Locale.FRENCH : Locale.ENGLISH;
                }
            }
            return Locale.ENGLISH;
        });
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor language = new LocaleChangeInterceptor();
        language.setParamName("lang");
        language.setIgnoreInvalidLocale(true);
        registry.addInterceptor(language).addPathPatterns("/register", "/register/**");
    }
}
