package dev.parley.shared;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Turns refusals into RFC 9457 problem responses that carry the stable {@code code}. */
@RestControllerAdvice
class ProblemResponses {

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refusal(Refusal refusal) {
        var status = HttpStatus.valueOf(refusal.status());
        var problem = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
        problem.setType(URI.create("https://parley.dev/problems/" + refusal.code()));
        problem.setProperty("code", refusal.code());
        var response = ResponseEntity.status(status);
        if (refusal instanceof RetryLater retry) {
            response.header("Retry-After", Long.toString(retry.retryAfterSeconds()));
        }
        return response.body(problem);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadableInput(ServerWebInputException e) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request body or a parameter is malformed");
        problem.setType(URI.create("https://parley.dev/problems/malformed_request"));
        problem.setProperty("code", "malformed_request");
        return ResponseEntity.badRequest().body(problem);
    }
}
