package io.telemetryflow.cdi.internal;

import jakarta.enterprise.inject.Stereotype;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;

/**
 * Finds the effective interceptor binding of a call: what the container says it bound (so bindings
 * that arrive through a stereotype, or any other way the container resolves them, count), else the
 * method's own annotation, else the class's, looking through stereotypes too.
 */
final class Bindings {

    /**
     * Where the containers put the interceptor bindings of the invocation in its context data (Weld's
     * {@code WeldInvocationContext}, ArC's {@code ArcInvocationContext.KEY_INTERCEPTOR_BINDINGS}):
     * Interceptors 2.1, the Jakarta EE 10 API, has no method for them yet.
     */
    private static final String[] CONTAINER_BINDING_KEYS = {
        "org.jboss.weld.interceptor.bindings", "io.quarkus.arc.interceptorBindings"};

    private Bindings() {
    }

    /** The binding {@code type} of {@code ctx}'s call, or {@code null} if none is found. */
    static <A extends Annotation> A find(InvocationContext ctx, Class<A> type) {
        A fromContainer = fromContainer(ctx, type);
        if (fromContainer != null) {
            return fromContainer;
        }
        Method method = ctx.getMethod();
        return find(method, ctx.getTarget() == null ? null : ctx.getTarget().getClass(), type);
    }

    /**
     * The annotation {@code type} on {@code method}, else on the bean class {@code target}
     * (inherited annotations included, so CDI subclass proxies resolve), else on the method's
     * declaring class — each directly or through a stereotype; {@code null} if none.
     */
    static <A extends Annotation> A find(Method method, Class<?> target, Class<A> type) {
        A a = onElement(method, type);
        if (a == null && target != null) {
            a = onElement(target, type);
        }
        if (a == null) {
            a = onElement(method.getDeclaringClass(), type);
        }
        return a;
    }

    private static <A extends Annotation> A fromContainer(InvocationContext ctx, Class<A> type) {
        try {
            Map<String, Object> data = ctx.getContextData();
            for (String key : CONTAINER_BINDING_KEYS) {
                Object bindings = data == null ? null : data.get(key);
                if (bindings instanceof Collection) {
                    for (Object binding : (Collection<?>) bindings) {
                        if (type.isInstance(binding)) {
                            return type.cast(binding);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // a container without context data: the reflective lookup decides
        }
        return null;
    }

    private static <A extends Annotation> A onElement(AnnotatedElement element, Class<A> type) {
        A direct = element.getAnnotation(type);
        if (direct != null) {
            return direct;
        }
        for (Annotation annotation : element.getAnnotations()) {
            Class<? extends Annotation> kind = annotation.annotationType();
            if (kind.isAnnotationPresent(Stereotype.class)) {
                A viaStereotype = kind.getAnnotation(type); // one level: stereotypes declare their bindings
                if (viaStereotype != null) {
                    return viaStereotype;
                }
            }
        }
        return null;
    }

    /** Fully-qualified {@code Class.method}, the {@code code.function.name} attribute. */
    static String functionName(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }
}
