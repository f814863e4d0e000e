package com.clinicbackbone.booking.appointment.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A booking needs a {@code start}; a walk-in must not have one (it starts now). Reported on field {@code start}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StartFitsWalkIn.Validator.class)
@interface StartFitsWalkIn {

    String message() default "must fit walkIn";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<StartFitsWalkIn, BookAppointmentRequest> {

        @Override
        public boolean isValid(BookAppointmentRequest request, ConstraintValidatorContext context) {
            String problem = request.walkIn() && request.start() != null
                    ? "must be left out for a walk-in: a walk-in starts now"
                    : !request.walkIn() && request.start() == null ? "must not be null" : null;
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addPropertyNode("start").addConstraintViolation();
            return false;
        }
    }
}
