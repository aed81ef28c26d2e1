package io.webpaas.server.certifier;

/** Two rotations of the same CA raced; the other one won. */
class RotationConflictException extends RuntimeException {
    RotationConflictException() {
        super("another rotation of the user CA happened at the same moment; check GET /ssh/authority");
    }
}
