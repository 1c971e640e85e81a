package io.telemetryflow.devbackend;

import io.grpc.Status;
import java.util.Objects;

/**
 * How {@link OtlpReceiver} answers export calls, for reliability tests.
 *
 * <p>A fault mode applies to both transports so that one test can be run against OTLP/gRPC and
 * OTLP/HTTP alike: an HTTP status is translated to the gRPC code a gRPC client would see for it
 * (gRPC's own HTTP-to-status table, e.g. 503 → UNAVAILABLE, 401 → UNAUTHENTICATED), and a gRPC code
 * to the HTTP status OTLP/HTTP uses for the same condition (e.g. UNAVAILABLE → 503).
 *
 * <p>Exports answered with a fault are not recorded in {@link OtlpReceiver#exports()}; they are
 * counted in {@link OtlpReceiver#rejectedCount()}.
 */
public final class FaultMode {

  /** The kinds of answer. */
  public enum Kind {
    /** Decode, record and answer success (the default). */
    ACCEPT,
    /** Answer with an HTTP status (mapped to a gRPC code on gRPC). */
    HTTP_STATUS,
    /** Answer with a gRPC status code (mapped to an HTTP status on HTTP). */
    GRPC_STATUS,
    /** Never answer until the receiver is stopped or cleared, or the mode is changed. */
    HANG
  }

  /** Record every export and answer success. */
  public static final FaultMode ACCEPT = new FaultMode(Kind.ACCEPT, 200, Status.Code.OK);

  /**
   * Hold every export call open without answering; released (with 503 / UNAVAILABLE) by {@link
   * OtlpReceiver#stop()}, {@link OtlpReceiver#clear()} or {@link OtlpReceiver#respondWith}.
   */
  public static final FaultMode HANG = new FaultMode(Kind.HANG, 503, Status.Code.UNAVAILABLE);

  private final Kind kind;
  private final int httpStatus;
  private final Status.Code grpcCode;

  private FaultMode(Kind kind, int httpStatus, Status.Code grpcCode) {
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.grpcCode = grpcCode;
  }

  /** Returns {@link #ACCEPT}. */
  public static FaultMode accept() {
    return ACCEPT;
  }

  /** Returns {@link #HANG}. */
  public static FaultMode hang() {
    return HANG;
  }

  /**
   * Answer every export with this HTTP status (e.g. 401, 429, 500, 503).
   *
   * @param status an HTTP status from 300 to 599; a 2xx would not be a fault
   */
  public static FaultMode httpStatus(int status) {
    if (status < 300 || status > 599) {
      throw new IllegalArgumentException("HTTP fault status must be 300..599, got " + status);
    }
    return new FaultMode(Kind.HTTP_STATUS, status, grpcCodeFor(status));
  }

  /**
   * Answer every export with this gRPC status code (e.g. UNAVAILABLE, UNAUTHENTICATED).
   *
   * @param code any code but OK
   */
  public static FaultMode grpcStatus(Status.Code code) {
    Objects.requireNonNull(code, "code");
    if (code == Status.Code.OK) {
      throw new IllegalArgumentException("gRPC fault code must not be OK");
    }
    return new FaultMode(Kind.GRPC_STATUS, httpStatusFor(code), code);
  }

  /** The kind of answer. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status an OTLP/HTTP export gets in this mode (200 for ACCEPT). */
  public int httpStatusCode() {
    return httpStatus;
  }

  /** The gRPC code an OTLP/gRPC export gets in this mode (OK for ACCEPT). */
  public Status.Code grpcStatusCode() {
    return grpcCode;
  }

  // gRPC's documented mapping of HTTP statuses seen by a gRPC client (doc/http-grpc-status-mapping).
  private static Status.Code grpcCodeFor(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> Status.Code.INTERNAL;
      case 401 -> Status.Code.UNAUTHENTICATED;
      case 403 -> Status.Code.PERMISSION_DENIED;
      case 404 -> Status.Code.UNIMPLEMENTED;
      case 429, 502, 503, 504 -> Status.Code.UNAVAILABLE;
      default -> Status.Code.UNKNOWN;
    };
  }

  // The usual HTTP equivalents (as in google.rpc.Code), so retryable stays retryable across transports.
  private static int httpStatusFor(Status.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND, UNIMPLEMENTED -> 404;
      case ABORTED, ALREADY_EXISTS -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      default -> 500;
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FaultMode
        && ((FaultMode) other).kind == kind
        && ((FaultMode) other).httpStatus == httpStatus
        && ((FaultMode) other).grpcCode == grpcCode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, httpStatus, grpcCode);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case HTTP_STATUS -> "HTTP_STATUS(" + httpStatus + ")";
      case GRPC_STATUS -> "GRPC_STATUS(" + grpcCode + ")";
      default -> kind.name();
    };
  }
}
