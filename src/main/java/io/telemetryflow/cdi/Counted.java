package io.telemetryflow.cdi;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds 1 to a counter per call of the annotated method (or of every business method of the
 * annotated class), whether it returns or throws. Attributes: {@code code.function.name}, and
 * {@code error.type} (the exception class name) on a throw.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Counted {

    /** Counter name; empty means {@code method.invocations}. */
    @Nonbinding
    String value() default "";

    /** Counter description. */
    @Nonbinding
    String description() default "";

    /** Counter unit (UCUM), e.g. {@code {call}}. */
    @Nonbinding
    String unit() default "";
}
