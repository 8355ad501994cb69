package dev.parley.shared;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The RFC 9457 problem response for a refusal: its status, its stable {@code code}, and Retry-After when it has one. */
public final class Problems {

    private Problems() {}

    public static ResponseEntity<ProblemDetail> of(Refusal refusal) {
        var status = HttpStatus.valueOf(refusal.status());
        var response = ResponseEntity.status(status);
        if (refusal instanceof RetryLater retry) {
            response.header("Retry-After", Long.toString(retry.retryAfterSeconds()));
        }
        return response.body(problem(status, refusal.code(), refusal.getMessage()));
    }

    static ProblemDetail problem(HttpStatus status, String code, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://parley.dev/problems/" + code));
        problem.setProperty("code", code);
        return problem;
    }
}
