package io.telemetryflow.cdi.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/** Finds the effective interceptor binding of a call: the method's own, else the class's. */
final class Bindings {

    private Bindings() {
    }

    /**
     * The annotation {@code type} on {@code method}, else on the bean class {@code target}
     * (inherited annotations included, so CDI subclass proxies resolve), else on the method's
     * declaring class; {@code null} if none.
     */
    static <A extends Annotation> A find(Method method, Class<?> target, Class<A> type) {
        A a = method.getAnnotation(type);
        if (a == null && target != null) {
            a = target.getAnnotation(type);
        }
        if (a == null) {
            a = method.getDeclaringClass().getAnnotation(type);
        }
        return a;
    }

    /** Fully-qualified {@code Class.method}, the {@code code.function.name} attribute. */
    static String functionName(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }
}
