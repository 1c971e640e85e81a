package io.telemetryflow.cdi.jaxrs;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The route template of a resource method ({@code /orders/{id}}): bounded cardinality, unlike the raw path. */
final class HttpRoutes {

    private static final int MAX_CACHED = 10_000;
    private static final ConcurrentMap<Method, String> CACHE = new ConcurrentHashMap<>();

    private HttpRoutes() {
    }

    /** {@code @Path} of the resource class joined with the method's, normalized to start with {@code /}. */
    static String template(Class<?> resourceClass, Method method) {
        if (method == null) {
            return null;
        }
        String cached = CACHE.get(method);
        if (cached != null) {
            return cached;
        }
        String route = join(resourceClass == null ? null : resourceClass.getAnnotation(Path.class),
            method.getAnnotation(Path.class));
        if (CACHE.size() < MAX_CACHED) {
            CACHE.put(method, route);
        }
        return route;
    }

    private static String join(Path type, Path method) {
        StringBuilder sb = new StringBuilder();
        append(sb, type == null ? "" : type.value());
        append(sb, method == null ? "" : method.value());
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private static void append(StringBuilder sb, String segment) {
        String s = segment.trim();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.isEmpty()) {
            sb.append('/').append(s);
        }
    }
}
