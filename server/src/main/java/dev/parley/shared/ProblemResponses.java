package dev.parley.shared;

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
        return Problems.of(refusal);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadableInput(ServerWebInputException e) {
        return ResponseEntity.badRequest()
                .body(Problems.problem(
                        HttpStatus.BAD_REQUEST, "malformed_request", "The request body or a parameter is malformed"));
    }
}
